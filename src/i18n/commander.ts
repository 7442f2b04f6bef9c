import { Help, type Command } from 'commander';
import { en } from './en.js';
import { getLang, t, type MessageKey } from './index.js';

/**
 * Translate a built commander program in place (languages other than English):
 * command, option and argument descriptions are looked up by their English
 * text among the `help.*` messages, so a description in src/cli.ts needs only
 * a catalogue entry to be translated. Titles, `(default: …)`, the help
 * option/command and commander's error lines are translated too.
 */
export function localizeProgram(program: Command): void {
  if (getLang() === 'en') return;
  const byText = new Map<string, MessageKey>();
  for (const k of Object.keys(en) as MessageKey[]) if (k.startsWith('help.')) byText.set(en[k], k);
  const tr = (s: string) => {
    const k = byText.get(s);
    return k ? t(k) : s;
  };
  const titles: Record<string, string> = { 'Usage:': t('help.usage'), 'Options:': t('help.options'), 'Commands:': t('help.commands'), 'Arguments:': t('help.arguments') };
  const walk = (cmd: Command) => {
    cmd.description(tr(cmd.description()));
    for (const o of cmd.options) o.description = tr(o.description);
    for (const a of cmd.registeredArguments) a.description = tr(a.description);
    cmd.helpOption('-h, --help', t('help.help'));
    cmd.configureHelp({
      styleTitle: (s: string) => titles[s] ?? s,
      // `(choices: "a", "b", default: "text")` -> translated words, values untouched.
      optionDescription: (o) =>
        Help.prototype.optionDescription
          .call(new Help(), o)
          .replace(/\bchoices: /, `${t('help.choices')}: `)
          .replace(/\bdefault: /, `${t('help.default')}: `),
    });
    cmd.configureOutput({ outputError: (str, write) => write(translateCommanderError(str)) });
    for (const c of cmd.commands) walk(c);
  };
  walk(program);
  if (program.commands.length) program.helpCommand('help [command]', t('help.helpCommand'));
}

/** Commander's English error lines -> the current language (by the `cmdr.*` templates). */
export function translateCommanderError(str: string): string {
  let out = str;
  for (const k of Object.keys(en).filter((x) => x.startsWith('cmdr.')) as MessageKey[]) {
    // Template -> regex: placeholders capture, everything else literal.
    const parts = en[k].split(/\{(\w)\}/);
    const names: string[] = [];
    const src = parts.map((p, i) => (i % 2 ? (names.push(p), '(.+?)') : p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
    out = out.replace(new RegExp(src + (names.length ? '(?=\\s|$|\\n)' : ''), 'g'), (...m: string[]) => t(k, Object.fromEntries(names.map((n, i) => [n, m[i + 1]!]))));
  }
  return out;
}
