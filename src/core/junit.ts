// JUnit XML from findings: one testsuite per run, one testcase per (environment, check).
import { toLocation, type Finding } from './finding.js';

export interface JUnitCase {
  classname: string;
  name: string;
  failures: readonly Finding[];
  skipped?: string;
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A JUnit document; only error findings count as failures (warnings go into system-out). */
export function toJUnit(suite: string, cases: readonly JUnitCase[]): string {
  const failed = cases.filter((c) => c.failures.some((f) => f.severity === 'error')).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  const body = cases.map((c) => {
    const errors = c.failures.filter((f) => f.severity === 'error');
    const others = c.failures.filter((f) => f.severity !== 'error');
    const inner = [
      c.skipped !== undefined ? `      <skipped message="${esc(c.skipped)}"/>` : '',
      ...errors.map((f) => `      <failure type="${esc(f.rule)}" message="${esc(`${toLocation(f)} ${f.message}`.trim())}">${esc(f.hint ? `fix: ${f.hint}` : '')}</failure>`),
      others.length ? `      <system-out>${esc(others.map((f) => `${f.severity} ${f.rule} ${toLocation(f)} ${f.message}`).join('\n'))}</system-out>` : '',
    ].filter(Boolean);
    return inner.length
      ? `    <testcase classname="${esc(c.classname)}" name="${esc(c.name)}">\n${inner.join('\n')}\n    </testcase>`
      : `    <testcase classname="${esc(c.classname)}" name="${esc(c.name)}"/>`;
  });
  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites name="${esc(suite)}" tests="${cases.length}" failures="${failed}" skipped="${skipped}">`, `  <testsuite name="${esc(suite)}" tests="${cases.length}" failures="${failed}" skipped="${skipped}">`, ...body, '  </testsuite>', '</testsuites>', ''].join('\n');
}
