// Refusals: each field's bad input turns red with its reason; the PDFs over
// 1 MiB and password-protected are refused; «Администратор» with another
// role cannot be saved; a taken login is red; a refused form keeps
// everything.
import { expect, test, type Page } from "@playwright/test";
import { PDF, adminSignedIn, expectAccessible, hydrated, login, makePhone, shot, uniq } from "./helpers";

async function expectRed(page: Page, id: string, reason: string | RegExp) {
  const field = page.locator(`[data-field="${id}"]`);
  await expect(field, id).toHaveClass(/is-invalid/);
  await expect(field.locator(".field-msg"), id).toContainText(reason);
  await expect(page.locator(`#${id}`)).toHaveAttribute("aria-invalid", "true");
}

async function type(page: Page, id: string, value: string) {
  await page.locator(`#${id}`).fill(value);
  await page.locator(`#${id}`).blur();
}

test.describe("the account form refuses bad input", () => {
  test("every field turns red with its reason", async ({ page }, info) => {
    const admin = await adminSignedIn(page, info);
    await page.goto("/admin/users/new");
    await hydrated(page);

    await type(page, "login", "1ivanov");
    await expectRed(page, "login", "начинаться с латинской буквы");
    await type(page, "login", "ivanоv"); // Cyrillic «о»
    await expectRed(page, "login", "кириллическая");
    await type(page, "login", admin.login.toUpperCase());
    await expectRed(page, "login", "Логин занят");

    await type(page, "email", "ivanov.example.ru");
    await expectRed(page, "email", "нет знака «@»");

    await type(page, "password", "короткий");
    await expectRed(page, "password", "не менее 12 символов");
    await type(page, "password", "qwertyuiop123");
    await expectRed(page, "password", "распространённых паролей");
    await type(page, "password", "Снег-идёт-над-Волгой-7");
    await type(page, "password_repeat", "Снег-идёт-над-Волгой-8");
    await expectRed(page, "password_repeat", "Пароли не совпадают");

    await type(page, "surname", "Ивaнов"); // Latin «a»
    await expectRed(page, "surname", "Латинская буква «a» среди русских");
    await type(page, "name", "Иван--Петр");
    await expectRed(page, "name", "Два разделителя подряд");
    await type(page, "patronymic", "Иванович1");
    await expectRed(page, "patronymic", "Недопустимый символ «1»");

    await type(page, "birth_date", "29.02.2001");
    await expectRed(page, "birth_date", "Такой даты нет в календаре");
    const young = new Date();
    young.setFullYear(young.getFullYear() - 17);
    const dd = (x: number) => String(x).padStart(2, "0");
    await type(page, "birth_date", `${dd(young.getDate())}.${dd(young.getMonth() + 1)}.${young.getFullYear()}`);
    await expectRed(page, "birth_date", "не меньше 18 лет");
    await type(page, "birth_date", "10.11.1980");

    await type(page, "passport_number", "4510 12345");
    await expectRed(page, "passport_number", "Нужно 10 цифр");
    await type(page, "passport_issuer", "ОВД");
    await expectRed(page, "passport_issuer", "Не менее 5 символов");
    await type(page, "passport_issued", "01.01.1990");
    await expectRed(page, "passport_issued", "раньше 14-летия");
    await type(page, "position", "Я");
    await expectRed(page, "position", "Не менее 2 символов");
    await type(page, "phone", "84951234567");
    await expectRed(page, "phone", "не мобильный номер");

    await page.locator("#scan").setInputFiles(PDF.tooLarge);
    await expectRed(page, "scan", "Файл больше 1 МБ");
    await page.locator("#scan").setInputFiles(PDF.encrypted);
    await expectRed(page, "scan", "PDF защищён паролем");

    // Saving shows every error above the form, each a link to its field.
    await page.getByRole("button", { name: "Добавить" }).click();
    const summary = page.locator("#error-summary");
    await expect(summary).toBeVisible();
    await expect(summary.getByRole("link", { name: /Роли: Выберите хотя бы одну роль/ })).toBeVisible();
    await expect(summary.getByRole("link", { name: /Логин: Логин занят/ })).toHaveAttribute("href", "#login");
    await expect(page).toHaveURL(/\/admin\/users\/new$/);
    await shot(page, info, "refusals-form");
    await expectAccessible(page);
  });

  test("«Администратор» does not combine with other roles, in the form and on the server", async ({ page }, info) => {
    await adminSignedIn(page, info);
    await page.goto("/admin/users/new");
    await hydrated(page);
    await page.getByLabel("Администратор").check();
    for (const role of ["Оператор", "Старший оператор", "Контролёр", "Управляющий"]) {
      await expect(page.getByLabel(role, { exact: true })).toBeDisabled();
    }
    await expect(page.getByText("Роли операционной части нельзя совмещать с ролью «Администратор»")).toBeVisible();
    await page.getByLabel("Администратор").uncheck();
    await page.getByLabel("Управляющий").check();
    await expect(page.getByLabel("Администратор")).toBeDisabled();
    await expect(page.getByText("«Администратор» нельзя совмещать с ролями операционной части")).toBeVisible();

    // The server refuses the combination even when the browser is bypassed.
    const resp = await page.request.post("/api/admin/users/create", {
      headers: { Origin: new URL(page.url()).origin, "Content-Type": "application/json" },
      data: { input: { login: "someone", email: "a@b.ru", password: "", password_repeat: "", roles: ["Admin", "Operator"], surname: "", name: "", patronymic: "", birth_date: "", passport_number: "", passport_issuer: "", passport_issued: "", position: "", phone: "", scan_upload: null, remove_scan: false } },
    });
    expect(resp.status()).toBe(422);
    const body = await resp.json();
    const roles = body.Invalid.find((e: { field: string }) => e.field === "Roles");
    expect(roles.message).toContain("не совмещается с другими ролями");
  });

  test("a form the server refuses keeps what was typed and the file", async ({ page }, info) => {
    const admin = await adminSignedIn(page, info);
    await page.goto("/admin/users/new");
    await hydrated(page);
    // The administrator's own second account (same e-mail) with the same
    // password: every rule the browser knows is met, but the server refuses
    // (the two accounts of one person must have different passwords).
    const login = `second${uniq(info)}`;
    const [, phone] = makePhone();
    await page.locator("#login").fill(login);
    await page.locator("#email").fill(admin.email);
    await page.locator("#password").fill(admin.password);
    await page.locator("#password_repeat").fill(admin.password);
    await page.getByLabel("Оператор", { exact: true }).check();
    await page.locator("#surname").fill("Петрова");
    await page.locator("#name").fill("Анна");
    await page.locator("#birth_date").fill("10.11.1980");
    await page.locator("#passport_number").fill("4510123456");
    await page.locator("#passport_issuer").fill("ГУ МВД России по г. Москве");
    await page.locator("#passport_issued").fill("15.11.2000");
    await page.locator("#scan").setInputFiles(PDF.valid);
    await expect(page.locator('[data-field="scan"] .field-msg')).toContainText("Файл загружен и проверен");
    await page.locator("#position").fill("Оператор");
    await page.locator("#phone").fill(phone);
    await page.locator("#position").click();
    await expect(page.locator('[data-field="login"] .field-msg')).toContainText("Логин свободен");
    await expect(page.locator("#password-checklist .ok")).toHaveCount(5);
    await page.getByRole("button", { name: "Применить" }).click();
    const summary = page.locator("#error-summary");
    await expect(summary).toContainText("Пароль совпадает с паролем другой учётной записи этого сотрудника");
    await expect(summary).toBeFocused();
    await expectRed(page, "password", "другой учётной записи");
    // Nothing is lost.
    await expect(page.locator("#login")).toHaveValue(login);
    await expect(page.locator("#surname")).toHaveValue("Петрова");
    await expect(page.locator("#password")).toHaveValue(admin.password);
    await expect(page.getByLabel("Оператор", { exact: true })).toBeChecked();
    await expect(page.locator('[data-field="scan"] .field-msg')).toContainText("Файл загружен и проверен");
    await shot(page, info, "server-refusal");
    await expectAccessible(page);
    // Another password, «Применить»: saved, and the form stays as the edit form.
    const other = `Другой-Пароль-Оператора-${uniq(info)}`;
    await page.locator("#password").fill(other);
    await page.locator("#password_repeat").fill(other);
    await expect(page.locator("#password-checklist .ok")).toHaveCount(5);
    await page.getByRole("button", { name: "Применить" }).click();
    await expect(page).toHaveURL(/\/admin\/users\/[0-9a-z]{20}\/edit\?created=1$/);
    await hydrated(page);
    await expect(page.getByRole("heading", { name: "Редактирование пользователя" })).toBeVisible();
    await expect(page.getByRole("status").first()).toContainText("Учётная запись добавлена");
    await expect(page.locator("#surname")).toHaveValue("Петрова");
    await expect(page.getByRole("link", { name: "открыть PDF" })).toBeVisible();
  });
});

test("sign-in refusals are generic and the 403 page is clear", async ({ page }, info) => {
  const admin = await adminSignedIn(page, info);
  await page.getByRole("button", { name: "Выйти" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await login(page, admin.login, "неверный-пароль");
  await expect(page.getByRole("alert")).toContainText("Неверный логин или пароль");
  await login(page, "no-such-user", "неверный-пароль");
  await expect(page.getByRole("alert")).toContainText("Неверный логин или пароль");
  await expectAccessible(page);
  const resp = await page.goto("/admin");
  await expect(page).toHaveURL(/\/login$/);
  expect(resp?.ok()).toBeTruthy();
});
