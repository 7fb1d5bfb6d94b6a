// A failed SMS delivery is shown on the account's page and can be retried
// there; nothing is lost (the outbox keeps every message). The SMS gateway
// is a real HTTP server started by the test.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { PDF, adminSignedIn, expectAccessible, hydrated, startServer, type Instance } from "./helpers";

let gatewayStatus = 503;
const received: { auth?: string; body: { to: string; text: string } }[] = [];
let gateway: http.Server;
let inst: Instance;
let stop = () => {};

test.beforeAll(async ({}, info) => {
  gateway = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ auth: req.headers.authorization, body: JSON.parse(body) });
      res.writeHead(gatewayStatus).end();
    });
  });
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
  const { port } = gateway.address() as AddressInfo;
  const server = await startServer(`delivery-${info.project.name}`, info.project.name === "phone" ? 3104 : 3103, {
    IZKT_SMS_URL: `http://127.0.0.1:${port}/sms`,
    IZKT_SMS_TOKEN: "gateway-token",
  });
  inst = server.instance;
  stop = server.stop;
});

test.afterAll(() => {
  stop();
  gateway.close();
});

test("a failed SMS is shown and sent again from the account page", async ({ page }, info) => {
  gatewayStatus = 200;
  await adminSignedIn(page, info, inst);
  // A user whose SMS fails: the gateway is down.
  await page.goto(`${inst.base}/admin/users/new`);
  await hydrated(page);
  await page.locator("#login").fill("sms.user");
  await page.locator("#email").fill("sms.user@example.ru");
  await page.locator("#password").fill("Пароль-Для-Проверки-СМС-1");
  await page.locator("#password_repeat").fill("Пароль-Для-Проверки-СМС-1");
  await page.getByLabel("Управляющий").check();
  await page.locator("#surname").fill("Смирнов");
  await page.locator("#name").fill("Олег");
  await page.locator("#birth_date").fill("05.06.1975");
  await page.locator("#passport_number").fill("4010 555666");
  await page.locator("#passport_issuer").fill("ТП УФМС России по г. Санкт-Петербургу");
  await page.locator("#passport_issued").fill("20.06.2020");
  await page.locator("#scan").setInputFiles(PDF.valid);
  await expect(page.locator('[data-field="scan"] .field-msg')).toContainText("Файл загружен и проверен");
  await page.locator("#position").fill("Руководитель");
  await page.locator("#phone").fill("+7 921 555-44-33");
  await page.locator("#position").click();
  await expect(page.locator("#password-checklist .ok")).toHaveCount(5);
  await page.getByRole("button", { name: "Добавить" }).click();
  await page.locator('tr[data-login="sms.user"]').getByRole("link").click();
  await hydrated(page);
  gatewayStatus = 503;
  await page.getByRole("button", { name: "Отправить запрос на подтверждение данных" }).click();
  const state = page.locator("#verification-state");
  await expect(state).toContainText("не доставлено (SMS gateway: HTTP 503)");
  await expectAccessible(page);
  // The gateway is back: «Отправить повторно».
  gatewayStatus = 200;
  await state.getByRole("button", { name: "Отправить повторно" }).click();
  await expect(state).toContainText("доставлено на сервер отправки");
  await expect(state.getByRole("button", { name: "Отправить повторно" })).toHaveCount(0);
  const last = received[received.length - 1];
  expect(last.auth).toBe("Bearer gateway-token");
  expect(last.body.to).toBe("+79215554433");
  expect(last.body.text).toMatch(/код подтверждения \d{6}/);
});
