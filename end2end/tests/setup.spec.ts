// First run: with an empty database `izkt serve` prints a one-time setup
// URL; its page is the connection questionnaire as a form. After use it is
// gone, and the first administrator confirms their contacts as usual.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { PDF, ROOT, expectAccessible, expectNoHorizontalScroll, hydrated, makeInn, makePhone, shot, startServer } from "./helpers";

let stop = () => {};
let setupUrl = "";
let base = "";
let env: NodeJS.ProcessEnv = {};

test.beforeAll(async ({}, info) => {
  const server = await startServer(`setup-${info.project.name}`, info.project.name === "phone" ? 3102 : 3101);
  stop = server.stop;
  ({ base, env } = server.instance);
  const url = server.output.match(/http:\/\/\S+\/setup\/\S+/)?.[0];
  if (!url) throw new Error(`no setup URL in: ${server.output}`);
  setupUrl = url;
});

test.afterAll(() => stop());

test("the one-time setup page connects the organisation", async ({ page }, info) => {
  const [phone, typed] = makePhone();
  await page.goto(setupUrl);
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Подключение организации" })).toBeVisible();
  await page.getByLabel("Полное наименование").fill("Общество с ограниченной ответственностью «Первый ПВК»");
  await page.getByLabel("Краткое наименование").fill("ООО «Первый ПВК»");
  await page.locator("#org_inn").fill("7707083894");
  await page.locator("#org_inn").blur();
  await expect(page.locator('[data-field="org_inn"] .field-msg')).toContainText("контрольное число");
  await page.locator("#org_inn").fill(makeInn());
  await page.locator("#org_kpp").fill("773601001");
  await page.locator("#org_ogrn").fill("1027700132195");
  await page.locator("#org_address").fill("125009, г. Москва, ул. Тверская, д. 1");
  await page.getByLabel("Часовой пояс").selectOption("Asia/Yekaterinburg");
  await page.locator("#contact_surname").fill("Ёлкина");
  await page.locator("#contact_name").fill("Мария");
  await page.locator("#contact_email").fill("elkina@example.ru");
  await page.locator("#contact_phone").pressSequentially(typed.replace(/\D/g, ""));
  await page.locator("#login").fill("m.elkina");
  await page.locator("#email").fill("elkina@example.ru");
  await page.locator("#password").fill("Первый-Ключ-Подключения-1");
  await page.locator("#password_repeat").fill("Первый-Ключ-Подключения-1");
  await page.locator("#surname").fill("Ёлкина");
  await page.locator("#name").fill("Мария");
  await page.locator("#birth_date").fill("01.03.1985");
  await page.locator("#passport_number").fill("4505 111222");
  await page.locator("#passport_issuer").fill("ОВД района Арбат г. Москвы");
  await page.locator("#passport_issued").fill("10.03.2005");
  await page.locator("#scan").setInputFiles(PDF.valid);
  await expect(page.locator('[data-field="scan"] .field-msg')).toContainText("Файл загружен и проверен");
  await page.locator("#position").fill("Директор");
  await page.locator("#phone").pressSequentially(typed.replace(/\D/g, ""));
  await page.locator("#position").click();
  await expect(page.locator('[data-field="login"] .field-msg')).toContainText("Логин свободен");
  await shot(page, info, "setup-filled");
  await expectAccessible(page);
  await expectNoHorizontalScroll(page);
  await page.getByRole("button", { name: "Подключить организацию" }).click();
  await expect(page.getByRole("heading", { name: "Организация подключена" })).toBeVisible();
  await expect(page.getByText("«m.elkina»")).toBeVisible();

  // Used: the page is gone.
  await page.goto(setupUrl);
  await expect(page.getByRole("heading", { name: "Страница первоначальной настройки недоступна" })).toBeVisible();

  // The administrator's verification request went out.
  const out = execFileSync(path.join(ROOT, "target/debug/izkt"), ["outbox", "--json"], { cwd: ROOT, env, encoding: "utf8" });
  const messages = out.trim().split("\n").map((l) => JSON.parse(l));
  expect(messages.filter((m) => m.channel === "email" && m.to === "elkina@example.ru")).toHaveLength(1);
  expect(messages.filter((m) => m.channel === "sms" && m.to === phone)).toHaveLength(1);
  const link = messages.find((m) => m.channel === "email").text.match(/http\S+/)[0];
  expect(link.startsWith(base)).toBeTruthy();
});
