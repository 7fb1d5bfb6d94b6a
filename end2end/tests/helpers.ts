import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { expect, type Page, type TestInfo } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";

export const ROOT = path.resolve(__dirname, "../..");
export const TMP = path.join(ROOT, "end2end/.tmp");
// The shared test data beside the repository, or IZKT_TESTDATA, or the
// workplace's own copy (for a clone made elsewhere).
export const TESTDATA =
  process.env.IZKT_TESTDATA ??
  [path.resolve(ROOT, "../shared/testdata"), "/work/shared/testdata"].find((d) => existsSync(d)) ??
  path.resolve(ROOT, "../shared/testdata");
export const PDF = {
  valid: path.join(TESTDATA, "pdf/minimal-document.pdf"),
  fourPages: path.join(TESTDATA, "pdf/pdflatex-4-pages.pdf"),
  tooLarge: path.join(TESTDATA, "pdf/GeoTopo-komprimiert.pdf"),
  encrypted: path.join(TESTDATA, "pdf/libreoffice-writer-password.pdf"),
};
/** A running server under test: its environment and address. */
export type Instance = { env: NodeJS.ProcessEnv; base: string };

/** The server Playwright starts (see playwright.config.ts and serve.sh). */
export const MAIN: Instance = {
  env: { ...process.env, IZKT_DB: "surrealkv://end2end/.tmp/data/izkt", IZKT_ADDR: "127.0.0.1:3100" },
  base: "http://127.0.0.1:3100",
};

/** Starts another server on a fresh database (for tests that need their own
 * settings or an empty database); resolves with its first-run output. */
export async function startServer(name: string, port: number, extraEnv: NodeJS.ProcessEnv = {}) {
  const dir = path.join(TMP, name);
  rmSync(dir, { recursive: true, force: true });
  const instance: Instance = {
    env: { ...process.env, IZKT_DB: `surrealkv://${dir}/izkt`, IZKT_ADDR: `127.0.0.1:${port}`, ...extraEnv },
    base: `http://127.0.0.1:${port}`,
  };
  const child: ChildProcess = spawn(path.join(ROOT, "target/debug/izkt"), ["serve"], {
    cwd: ROOT,
    env: instance.env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const output = await new Promise<string>((resolve, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`server ${name} did not start: ${out}`)), 30_000);
    child.stdout!.on("data", (chunk) => {
      out += chunk.toString();
      if (out.includes("ИЗКТ работает")) {
        clearTimeout(timer);
        resolve(out);
      }
    });
  });
  return { instance, output, stop: () => child.kill("SIGTERM") };
}

/** Runs the support CLI against a running server (over its socket). */
export function izkt(...args: string[]): string {
  return izktOn(MAIN, ...args);
}

export function izktOn(inst: Instance, ...args: string[]): string {
  return execFileSync(path.join(ROOT, "target/debug/izkt"), args, { cwd: ROOT, env: inst.env, encoding: "utf8" });
}

export type Message = { channel: "email" | "sms"; to: string; subject?: string; text: string; created_at: string };

export function outbox(inst: Instance = MAIN): Message[] {
  return izktOn(inst, "outbox", "--json")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l));
}

/** The newest confirmation link sent to this e-mail address. */
export function latestLink(email: string, inst: Instance = MAIN): string {
  const mail = outbox(inst).filter((m) => m.channel === "email" && m.to === email).pop();
  const link = mail?.text.match(/https?:\/\/\S+\/verify\/\S+/)?.[0];
  if (!link) throw new Error(`no confirmation link for ${email}`);
  return link;
}

/** The newest SMS code sent to this phone (E.164). */
export function latestCode(phone: string, inst: Instance = MAIN): string {
  const sms = outbox(inst).filter((m) => m.channel === "sms" && m.to === phone).pop();
  const code = sms?.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error(`no code for ${phone}`);
  return code;
}

/** A unique number for this run and project. */
export function uniq(info: TestInfo): string {
  return `${Date.now() % 1_000_000}${info.project.name === "phone" ? 2 : 1}`;
}

/** A random ИНН of an organisation with a valid checksum. */
export function makeInn(): string {
  const d = Array.from({ length: 9 }, (_, i) => (i === 0 ? 1 + Math.floor(Math.random() * 9) : Math.floor(Math.random() * 10)));
  const w = [2, 4, 10, 3, 5, 9, 4, 6, 8];
  const c = (d.reduce((s, x, i) => s + x * w[i], 0) % 11) % 10;
  return d.join("") + c;
}

/** A random Russian mobile number: [E.164, as typed]. */
export function makePhone(): [string, string] {
  const rest = String(Math.floor(Math.random() * 1e9)).padStart(9, "0");
  const e164 = `+79${rest}`;
  return [e164, `8 (9${rest.slice(0, 2)}) ${rest.slice(2, 5)}-${rest.slice(5, 7)}-${rest.slice(7)}`];
}

export type Admin = { login: string; email: string; phone: string; password: string; org: string };

/** Connects a new organisation with `izkt org create` (as support does). */
export function createOrg(info: TestInfo, inst: Instance = MAIN): Admin {
  const n = uniq(info);
  const [phone, typed] = makePhone();
  const admin = {
    login: `adm${n}`,
    email: `adm${n}@example.ru`,
    phone,
    password: `Временный-Ключ-${n}`,
    org: `ООО «Проверка ${n}»`,
  };
  mkdirSync(TMP, { recursive: true });
  const file = path.join(TMP, `questionnaire-${n}.toml`);
  writeFileSync(
    file,
    `[organisation]
full_name = "Общество с ограниченной ответственностью «Проверка ${n}»"
short_name = "${admin.org.replace(/"/g, '\\"')}"
inn = "${makeInn()}"
kpp = "773601001"
ogrn = "1027700132195"
address = "117997, г. Москва, ул. Вавилова, д. 19"

[organisation.responsible]
surname = "Петрова"
name = "Анна"
email = "${admin.email}"
phone = "${typed}"

[administrator]
login = "${admin.login}"
email = "${admin.email}"
password = "${admin.password}"
surname = "Петрова"
name = "Анна"
patronymic = "Сергеевна"
birth_date = "10.11.1980"
passport_number = "4510 123456"
passport_issuer = "ГУ МВД России по г. Москве"
passport_issued = "15.11.2000"
position = "Начальник отдела"
phone = "${typed}"
passport_scan = "${path.join(ROOT, "examples/example-passport.pdf")}"
`,
  );
  const out = izktOn(inst, "org", "create", "--questionnaire", file);
  expect(out).toContain("подключена");
  return admin;
}

export async function hydrated(page: Page) {
  await page.locator("html[data-hydrated]").waitFor({ state: "attached" });
}

/** Opens the confirmation link and enters the SMS code. */
export async function confirmContacts(page: Page, email: string, phone: string, inst: Instance = MAIN) {
  await page.goto(latestLink(email, inst));
  await hydrated(page);
  await expect(page.getByText("Адрес электронной почты подтверждён")).toBeVisible();
  await page.getByLabel("Код из СМС").fill(latestCode(phone, inst));
  await page.getByRole("button", { name: "Подтвердить" }).click();
  await expect(page.getByRole("heading", { name: "Контактные данные подтверждены" })).toBeVisible();
}

export async function login(page: Page, loginName: string, password: string, inst: Instance = MAIN) {
  await page.goto(`${inst.base}/login`);
  await hydrated(page);
  await page.getByLabel("Логин").fill(loginName);
  await page.getByLabel("Пароль").fill(password);
  await page.getByRole("button", { name: "Войти" }).click();
}

/** Signs in with the temporary password and sets a new one. */
export async function firstLogin(page: Page, loginName: string, temporary: string, next: string, inst: Instance = MAIN) {
  await login(page, loginName, temporary, inst);
  await expect(page).toHaveURL(/\/change-password$/);
  await hydrated(page);
  await page.getByLabel("Текущий пароль").fill(temporary);
  await page.getByLabel("Новый пароль", { exact: true }).fill(next);
  await page.getByLabel("Повтор нового пароля").fill(next);
  await expect(page.locator("#password-checklist .ok")).toHaveCount(5);
  await page.getByRole("button", { name: "Сменить пароль" }).click();
}

/** A verified administrator with their own password, signed in. */
export async function adminSignedIn(page: Page, info: TestInfo, inst: Instance = MAIN): Promise<Admin> {
  const admin = createOrg(info, inst);
  await confirmContacts(page, admin.email, admin.phone, inst);
  const next = `Свой-Пароль-Админа-${uniq(info)}`;
  await firstLogin(page, admin.login, admin.password, next, inst);
  await expect(page).toHaveURL(/\/admin$/);
  return { ...admin, password: next };
}

/** No axe-core violations on the current page. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(summary).toEqual([]);
}

/** Nothing wider than the viewport (no horizontal scrolling). */
export async function expectNoHorizontalScroll(page: Page) {
  const [scroll, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
  expect(scroll).toBeLessThanOrEqual(width);
}

export async function shot(page: Page, info: TestInfo, name: string) {
  await page.screenshot({ path: info.outputPath(`${name}.png`), fullPage: true });
}
