import { hostname } from 'node:os';
import type { InventoryReport } from '../check/index.js';
import { fails } from '../check/index.js';
import { failedFiles, sentence, verdict } from './verdict.js';

/** Characters XML 1.0 cannot hold (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF): replaced by U+FFFD. */
const INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const clean = (s: string) => s.replace(INVALID, '\uFFFD');
const text = (s: string) => clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const attr = (s: string) => text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');

/**
 * `--format junit`: JUnit XML for CI dashboards (GitLab `artifacts: reports:
 * junit`, Jenkins, Azure DevOps, CircleCI). The shape follows the Ant JUnit
 * schema (windyroad JUnit.xsd): one `testsuite` whose test cases are the
 * findings that fail the check (`failure`, type = rule id) and the files that
 * could not be read or parsed (`error`); a check with neither is one passing
 * test case. Findings below `--fail-on` are listed in `system-out`.
 */
export function renderJunit(r: InventoryReport, command: 'scan' | 'check' = 'check', now = new Date()): string {
  const cases: string[] = [];
  const failing = r.findings.filter((f) => fails(f.level, r.failOn));
  const rest = r.findings.filter((f) => !fails(f.level, r.failOn));
  const failed = failedFiles(r);
  for (const x of failed) {
    const message = sentence(`${x.errorId ?? 'failed'}: ${x.reason ?? 'failed'}`);
    cases.push(
      `    <testcase name="${attr(x.file)}" classname="openai-migrate.${attr(x.errorId ?? 'failed')}" time="0">\n      <error type="${attr(x.errorId ?? 'failed')}" message="${attr(message)}">${text(`${x.file}: ${message}`)}</error>\n    </testcase>`,
    );
  }
  for (const f of failing) {
    const message = `${sentence(f.message)} Fix: ${sentence(f.fix)}`;
    cases.push(
      `    <testcase name="${attr(`${f.file}:${f.line}:${f.column}`)}" classname="openai-migrate.${attr(f.rule)}" time="0">\n` +
        `      <failure type="${attr(f.rule)}" message="${attr(message)}">${text(`${f.level} ${f.rule} at ${f.file}:${f.line}:${f.column}\n${message}\n${f.help}`)}</failure>\n` +
        '    </testcase>',
    );
  }
  if (!cases.length) cases.push(`    <testcase name="${attr(`openai-migrate ${command}`)}" classname="openai-migrate" time="0"/>`);
  const out = rest.map((f) => `${f.file}:${f.line}:${f.column} ${f.level} ${f.rule}: ${sentence(f.message)}`);
  out.push(`openai-migrate ${command === 'check' ? verdict(r) : `scan: ${r.findings.length} finding(s)`}`);
  const props: Array<[string, string]> = [
    ['tool', `${r.tool.name} ${r.tool.version}`],
    ['failOn', r.failOn],
    ['findings', String(r.findings.length)],
    ['suppressed', String(r.suppressed)],
    ['baselined', String(r.baselined)],
  ];
  if (r.result.target) props.push(['provider', r.result.target.provider.id]);
  if (r.shard) props.push(['shard', `${r.shard.index}/${r.shard.count}`]);
  // XML Schema dateTime without a zone, as the schema's pattern asks.
  const timestamp = now.toISOString().slice(0, 19);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<testsuites>',
    `  <testsuite package="openai-migrate" id="0" name="openai-migrate ${command}" timestamp="${timestamp}" hostname="${attr(hostname() || 'localhost')}" tests="${Math.max(cases.length, 1)}" failures="${failing.length}" errors="${failed.length}" time="0">`,
    '    <properties>',
    ...props.map(([n, v]) => `      <property name="${attr(n)}" value="${attr(v)}"/>`),
    '    </properties>',
    ...cases,
    `    <system-out>${text(out.join('\n'))}</system-out>`,
    '    <system-err></system-err>',
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
