import type { ts } from 'ts-morph';
import { tsc } from '../../src/lang/js/ts.js';
import { shortName } from '../../src/providers/index.js';
import type { Transform } from '../../src/engine/types.js';
import type { JsContext } from '../../src/lang/js/context.js';
import { removeProperties, renameKey } from '../../src/lang/js/edit.js';
import { isStringLike, literalValue, propName, unwrap } from '../../src/lang/js/parse.js';
import { paramAction, PARAM_RULE_ENDPOINTS, resultFollowUp } from '../../src/rules/params.js';

/**
 * Request parameters per provider: unsupported ones removed, renamed ones
 * renamed (`max_completion_tokens` -> `max_tokens`), literal values outside
 * the provider's range clamped, `reasoning_effort` mapped onto the provider's
 * values. Each change is reported with its reason.
 */
export const adjustRequestParams: Transform<JsContext> = {
  id: 'adjust-request-params',
  description: 'Drop, rename and clamp request parameters for the provider',
  run(ctx) {
    const t = ctx.target!;
    const text = ctx.file.text;
    const done = new Set<ts.ObjectLiteralExpression>();
    // Calls in this file, plus this file's objects that other modules spread into requests.
    const groups: ts.ObjectLiteralExpression[][] = [];
    for (const c of ctx.facts.calls) {
      if (!PARAM_RULE_ENDPOINTS.has(c.endpoint)) continue;
      // A client already on a provider is left as it is (only OpenAI/Azure clients are migrated).
      if (c.client === 'other' || c.client === 'unresolved' || c.client === 'target') continue;
      groups.push(c.requests);
    }
    for (const o of ctx.foreignRequests) groups.push([o]);
    // Literals of this module used as parameter values by requests (here or in other modules).
    for (const fp of ctx.foreignParams) {
      const v = literalValue(fp.node);
      if (typeof v !== 'number') continue;
      const models = fp.models.map((m) => ctx.models!.lookup(m)?.target ?? m);
      const a = paramAction(t.provider, fp.name, v, models.length ? models : undefined, new Set());
      if (a.kind === 'set' && typeof a.value === 'number') {
        ctx.edits.add(fp.node.getStart(), fp.node.end, String(a.value));
        ctx.change('param-clamp', fp.node.getStart(), `${fp.name}: ${fp.node.getText()} -> ${a.value} (${a.reason}; the value is used as ${fp.name} of a request)`, { transform: this.id });
        followUp(ctx, fp.node, resultFollowUp(fp.name, a, fp.node.getText(), String(a.value)));
      }
    }
    for (const requests of groups) {
      const model = targetModel(ctx, requests);
      for (const req of requests) {
        if (done.has(req)) continue;
        done.add(req);
        const drop = new Set<ts.ObjectLiteralElementLike>();
        const present = new Set(req.properties.map((p) => propName(p.name)).filter((x): x is string => !!x));
        for (const p of req.properties) {
          if (!tsc.isPropertyAssignment(p) && !tsc.isShorthandPropertyAssignment(p)) continue;
          const name = propName(p.name);
          if (!name || name === 'model' || name === 'messages') continue;
          const value = tsc.isPropertyAssignment(p) ? literalValue(p.initializer) : undefined;
          let a = paramAction(t.provider, name, value, model, present);
          // A value defined elsewhere as a literal is clamped where it is defined (see below).
          if (value === undefined && tsc.isPropertyAssignment(p) && ctx.resolvesToLiteral(p.initializer) && (a.kind === 'set' || a.kind === 'followUp')) a = { kind: 'keep' };
          switch (a.kind) {
            case 'keep':
              break;
            case 'drop':
              drop.add(p);
              ctx.change('param-drop', p.getStart(), `removed ${name}: ${a.reason}`, { transform: this.id });
              followUp(ctx, p, resultFollowUp(name, a));
              break;
            case 'rename':
              renameKey(text, ctx.edits, p, a.to);
              ctx.change('param-rename', p.getStart(), `${name} -> ${a.to}: ${a.reason}`, { transform: this.id });
              break;
            case 'set':
              if (tsc.isPropertyAssignment(p)) {
                const v = p.initializer;
                const newText = typeof a.value === 'number' ? String(a.value) : text[v.getStart()] + a.value + text[v.getStart()];
                ctx.edits.add(v.getStart(), v.end, newText);
                ctx.change('param-clamp', p.getStart(), `${name}: ${v.getText()} -> ${newText} (${a.reason})`, { transform: this.id });
                followUp(ctx, p, resultFollowUp(name, a, v.getText(), newText));
              } else if (typeof a.value === 'number') {
                // `{ temperature }`: the variable's value would be rejected
                ctx.edits.add(p.getStart(), p.end, `${name}: ${a.value}`);
                ctx.change('param-clamp', p.getStart(), `${name}: ${name} -> ${a.value} (${a.reason})`, { transform: this.id });
                followUp(ctx, p, resultFollowUp(name, a, name, String(a.value)));
              }
              break;
            case 'followUp':
              ctx.followUp(p.getStart(), a.reason, a.action);
              break;
          }
        }
        removeProperties(text, ctx.edits, req, drop);
      }
    }
  },
};

const followUp = (ctx: JsContext, at: ts.Node, f: { reason: string; action: string } | undefined) => {
  if (f) ctx.followUp(at.getStart(), f.reason, f.action);
};

/** The provider model(s) a request may use: OpenAI ids mapped, provider ids as they are. */
function targetModel(ctx: JsContext, reqs: ts.ObjectLiteralExpression[]): string[] | undefined {
  for (const r of reqs) {
    const p = r.properties.find((x) => propName(x.name) === 'model');
    const e = p && tsc.isPropertyAssignment(p) ? p.initializer : p && tsc.isShorthandPropertyAssignment(p) ? p.name : undefined;
    if (!e) continue;
    const values = ctx.modelValues(e).map((v) => ctx.models!.lookup(v)?.target ?? v);
    return values.length ? values : undefined;
  }
  return undefined;
}
