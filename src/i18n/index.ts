import { en, type MessageKey } from './en.js';
import { zh } from './zh.js';

/**
 * The CLI's own text (help, summary lines, errors, report headings) comes from
 * one message catalogue per language. English is the default; Simplified
 * Chinese when `--lang zh` or the locale (`LC_ALL`, `LC_MESSAGES`, `LANG`) asks for it.
 */
export type Lang = 'en' | 'zh';
export type { MessageKey };

export const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { en, zh };

let current: Lang = 'en';

/** Pick the language: `--lang x` / `--lang=x` in argv wins, then the locale variables. */
export function detectLang(argv: string[], env: NodeJS.ProcessEnv = process.env): Lang {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--lang' && argv[i + 1]) return normalizeLang(argv[i + 1]!);
    if (a.startsWith('--lang=')) return normalizeLang(a.slice(7));
  }
  // POSIX precedence: LC_ALL, then LC_MESSAGES, then LANG.
  const loc = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(loc) ? 'zh' : 'en';
}

/** `zh`, `zh-CN`, `zh_CN.UTF-8`, `cn` -> zh; anything else -> en. */
export function normalizeLang(v: string): Lang {
  return /^(zh|cn)/i.test(v.trim()) ? 'zh' : 'en';
}

export function setLang(l: Lang): void {
  current = l;
}

export function getLang(): Lang {
  return current;
}

/** Look a message up in the current language and fill `{name}` placeholders. */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const s = CATALOGUES[current][key] ?? en[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** An error message for the terminal: other languages put the catalogue's `err.<ID>` gist before the (English) detail. */
export function localizeError(id: string | undefined, message: string): string {
  if (current === 'en' || !id) return message;
  const gist = tMaybe(`err.${id}`);
  return gist ? `${gist}：${message}` : message;
}

/** Like `t` for keys built at run time (help entries, error codes): undefined when absent. */
export function tMaybe(key: string, vars: Record<string, string | number> = {}): string | undefined {
  if (!(key in en)) return undefined;
  return t(key as MessageKey, vars);
}
