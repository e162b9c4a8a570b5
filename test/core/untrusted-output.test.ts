// Untrusted text cannot become a terminal control sequence or a GitHub workflow command, on any Output path.
import { describe, expect, it } from 'vitest';
import { Output } from '../../src/core/output.js';
import { Secrets } from '../../src/core/secrets.js';
import { escapeControls, neutralizeCommands } from '../../src/core/sanitize.js';

function output(opts: { github?: boolean; color?: boolean; json?: boolean; secrets?: Secrets } = {}) {
  let stdout = '';
  let stderr = '';
  const secrets = opts.secrets ?? new Secrets();
  const out = new Output({ stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, secrets, color: opts.color ?? false, interactive: false, github: opts.github ?? false, json: opts.json ?? false, verbose: true });
  return { out, text: () => ({ stdout, stderr }) };
}

/** Lines the Actions runner would execute: after trimming, they start with `::` or `##[`. */
const commandLines = (text: string) => text.split(/\r?\n/).filter((l) => /^\s*(::|##\[)/.test(l));

const HOSTILE = ['x\n::error file=a::pwned', '::stop-commands::tok', '  ::add-mask::x', '##[error]legacy', 'a\r::warning::cr', 'esc \x1b[2J\x1b]0;title\x07 bell', 'c1 \x9b31m', 'bidi \u202e gnp.exe', 'nul \0 del \x7f'];

describe('untrusted text on output', () => {
  it.each(HOSTILE)('no workflow command and no control character reaches the streams: %j', (bad) => {
    const { out, text } = output({ github: true, color: true });
    out.print(`key ${bad}: value`);
    out.info(`info ${bad}`);
    out.warn(`warn ${bad}`);
    out.error(`error ${bad}`);
    out.event({ code: 'TASK_INFO', level: 'info', message: bad });
    const { stdout, stderr } = text();
    expect(commandLines(stdout)).toEqual([]);
    expect(commandLines(stderr)).toEqual([]);
    // Our own colours stay (SGR from chalk), nothing else: no bare ESC, BEL, C1 or bidi override.
    const withoutOurColours = (stdout + stderr).replace(/\x1b\[\d+m/g, '');
    expect(withoutOurColours).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  it('our own workflow commands still work, and their data is escaped', () => {
    const { out, text } = output({ github: true });
    out.annotate([{ rule: 'r', severity: 'error', message: 'm\n::error::x', file: 'envs/a\x1b.yaml' }]);
    const lines = commandLines(text().stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^::error file=envs\/a\\x1b\.yaml,title=r::m%0A::error::x$/);
  });

  it('shows escapes visibly and keeps tab and newline', () => {
    expect(escapeControls('a\tb\nc\x1bd\u202e')).toBe('a\tb\nc\\x1bd\\u202e');
    expect(neutralizeCommands('ok\n::error::x\n  ##[group]y')).toBe('ok\n:\u200b:error::x\n  #\u200b#[group]y');
  });

  it('forged colour markers in data do not turn into escape sequences', () => {
    const { out, text } = output({ color: true });
    out.print('\u0000deadbeefdeadbeef[31mred?');
    expect(text().stdout).not.toContain('\x1b');
  });

  it('--json is redacted as data: a secret equal to a JSON word cannot corrupt the document', () => {
    const secrets = new Secrets();
    secrets.add('s3cr3t-value');
    const { out, text } = output({ json: true, secrets });
    out.writeJson({ ok: true, note: 'token s3cr3t-value', n: 1234 });
    expect(JSON.parse(text().stdout)).toEqual({ ok: true, note: 'token ***', n: 1234 });
  });
});

describe('what counts as a secret', () => {
  it('ARNs and regions next to secrets in a JSON secret are not masked', async () => {
    const { canBeSecret } = await import('../../src/core/secrets.js');
    expect(canBeSecret('arn:aws:eks:us-east-1:111111111111:cluster/pr-7')).toBe(false);
    expect(canBeSecret('us-east-1')).toBe(false);
    expect(canBeSecret('wJalrXUtnFEMI/K7MDENG/bPxRfiCY')).toBe(true);
  });
});
