// Untrusted text (keys, values and file names from pull requests, tool output) must not become a terminal
// control sequence or a GitHub workflow command. Output runs every line it did not build itself through here.

// C0 except tab and newline, DEL, C1, and the Unicode bidi controls that can reorder what a reviewer sees.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Control characters shown as visible escapes (`\x1b`, `\u202e`); tab and newline are kept. */
export function escapeControls(text: string): string {
  return text.replace(CONTROL, (ch) => {
    const code = ch.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** A line the Actions runner would read as a command (`::error::`, `::stop-commands::`, legacy `##[`) gets a
 * zero-width space after its first character, so it prints the same but is no longer a command. */
export function neutralizeCommands(text: string): string {
  return text.replace(/^(\s*)(:)(:)|^(\s*)(#)(#\[)/gm, (_m, s1?: string, a?: string, b?: string, s2?: string, c?: string, d?: string) => (a ? `${s1}${a}\u200b${b}` : `${s2}${c}\u200b${d}`));
}
