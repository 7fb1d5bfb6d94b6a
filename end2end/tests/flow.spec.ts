// The main job end to end: support connects an organisation from the
// questionnaire → the first administrator confirms by link and code → signs
// in and changes the temporary password → creates a user with a real PDF →
// sees «Новая» → sends the verification request → the user confirms →
// «Проверена» → the user signs in and lands in /ops.
import { expect, test } from "@playwright/test";
import {
  PDF,
  adminSignedIn,
  confirmContacts,
  expectAccessible,
  expectNoHorizontalScroll,
  firstLogin,
  hydrated,
  makePhone,
  shot,
  uniq,
} from "./helpers";

test("connect, verify, create a user, verify the user, user signs in", async ({ page, browser }, info) => {
  const admin = await adminSignedIn(page, info);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Основная панель" })).toBeVisible();
  await expect(page.getByRole("main").getByText(admin.org)).toBeVisible();
  await shot(page, info, "01-dashboard");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The new-user form, from the main panel's button.
  await page.getByRole("link", { name: "Добавить пользователя" }).click();
  await expect(page).toHaveURL(/\/admin\/users\/new$/);
  await hydrated(page);
  await expect(page.getByLabel("Организация")).toHaveValue(admin.org);
  await expect(page.getByLabel("Организация")).toHaveAttribute("readonly", "");

  const n = uniq(info);
  const [phone, typedPhone] = makePhone();
  const user = { login: `oper${n}`, email: `oper${n}@example.ru`, phone, password: `Первый-Пароль-Оператора-${n}` };
  await page.locator("#login").fill(user.login);
  await page.locator("#email").fill(user.email);
  await page.locator("#password").fill(user.password);
  await page.locator("#password_repeat").fill(user.password);
  await page.getByLabel("Оператор", { exact: true }).check();
  await page.getByLabel("Контролёр").check();
  await expect(page.getByLabel("Администратор")).toBeDisabled();
  await page.locator("#surname").fill("Салтыков-Щедрин");
  await page.locator("#name").fill("Михаил");
  await page.locator("#birth_date").pressSequentially("27011986");
  await expect(page.locator("#birth_date")).toHaveValue("27.01.1986");
  await page.locator("#passport_number").pressSequentially("4512654321");
  await expect(page.locator("#passport_number")).toHaveValue("4512 654321");
  await page.locator("#passport_issuer").fill("Отделом УФМС России по Тверской области");
  await page.locator("#passport_issued").pressSequentially("03022006");
  await page.locator("#scan").setInputFiles(PDF.fourPages);
  await expect(page.locator('[data-field="scan"] .field-msg')).toContainText("Файл загружен и проверен");
  await page.locator("#position").fill("Оператор ПВК");
  await page.locator("#phone").pressSequentially(typedPhone.replace(/\D/g, ""));
  await page.locator("#position").click();
  await expect(page.locator('[data-field="login"] .field-msg')).toContainText("Логин свободен");
  await expect(page.locator("#password-checklist .ok")).toHaveCount(5);
  for (const id of ["login", "email", "password", "password_repeat", "surname", "name", "birth_date", "passport_number", "passport_issuer", "passport_issued", "scan", "position", "phone"]) {
    await expect(page.locator(`[data-field="${id}"]`), id).toHaveClass(/is-valid/);
  }
  await shot(page, info, "02-form-filled");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // «Добавить» saves and returns to the list, where the account is «Новая».
  await page.getByRole("button", { name: "Добавить" }).click();
  await expect(page).toHaveURL(/\/admin\/users\?created=[0-9a-z]{20}$/);
  await expect(page.getByRole("status")).toContainText(`Учётная запись «${user.login}» добавлена со статусом «Новая»`);
  const row = page.locator(`tr[data-login="${user.login}"]`);
  await expect(row).toHaveClass(/just-added/);
  await expect(row).toContainText("Салтыков-Щедрин Михаил");
  await expect(row).toContainText("Оператор, Контролёр");
  await expect(row).toContainText("Новая");
  await shot(page, info, "03-list");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The view page: send the verification request.
  await row.getByRole("link").click();
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Салтыков-Щедрин Михаил" })).toBeVisible();
  await expect(page.getByText("Действующего запроса на подтверждение нет.")).toBeVisible();
  await page.getByRole("button", { name: "Отправить запрос на подтверждение данных" }).click();
  await expect(page.locator("#verification-state")).toContainText("Запрос отправлен");
  await expect(page.locator("#verification-state")).toContainText("не подтверждена");
  // A second request says first that the old link and code stop working.
  await page.getByRole("button", { name: "Отправить запрос на подтверждение данных" }).click();
  await expect(page.getByText("Прежняя ссылка и код перестанут действовать")).toBeVisible();
  await page.getByRole("button", { name: "Отмена" }).click();
  await shot(page, info, "04-view-requested");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);

  // The user, in their own browser, confirms by link and code.
  const userContext = await browser.newContext({ viewport: page.viewportSize() ?? undefined });
  const userPage = await userContext.newPage();
  await confirmContacts(userPage, user.email, user.phone);
  await shot(userPage, info, "05-user-confirmed");
  await expectAccessible(userPage);

  // The administrator sees «Проверена».
  await page.reload();
  await hydrated(page);
  await expect(page.locator(".status-line")).toContainText("Проверена");
  await expect(page.locator("#verification-state")).toContainText("подтверждён");

  // The user signs in, sets their own password and lands in /ops.
  await firstLogin(userPage, user.login, user.password, `Собственный-Пароль-${n}`);
  await expect(userPage).toHaveURL(/\/ops$/);
  await hydrated(userPage);
  await expect(userPage.getByRole("heading", { name: "Операционная часть" })).toBeVisible();
  await expect(userPage.getByText("Контролёр")).toBeVisible();
  await expect(userPage.getByRole("main").getByText(admin.org)).toBeVisible();
  await shot(userPage, info, "06-ops");
  await expectAccessible(userPage);
  await expectNoHorizontalScroll(userPage);

  // A user of the operational part gets a 403 page in the administrative one.
  const resp = await userPage.goto("/admin/users");
  expect(resp?.status()).toBe(403);
  await expect(userPage.getByRole("heading", { name: "Доступ запрещён" })).toBeVisible();
  await expect(userPage.getByText("Салтыков")).toHaveCount(0);
  // And the administrator in the operational one.
  const adminResp = await page.goto("/ops");
  expect(adminResp?.status()).toBe(403);
  await userContext.close();
});
