import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../support/cli.js';

/** Whether poppler's pdftotext is installed (`.ci/run` installs poppler-utils). */
export function hasPdfToText(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') {
      throw new Error('pdftotext is not installed: the brief tests read the PDF with it. Install poppler-utils (apt-get install -y poppler-utils).');
    }
    return false;
  }
}

/** The PDF's text in content order (-raw), non-breaking spaces as spaces. */
export function pdfText(pdf: Buffer): string {
  const file = join(tempDir('escucha-brief-'), 'brief.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', ['-raw', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replaceAll('\u00a0', ' ');
}

/** The number printed after a KPI label ("Publicaciones\n1,344" → 1344; "−55.5" → -55.5; "6.5 %" → 6.5). */
export function numberAfter(text: string, label: string): number {
  const match = new RegExp(`${label}\\s+([−-]?[\\d,]+(?:\\.\\d+)?)`).exec(text);
  if (!match) throw new Error(`"${label}" followed by a number not found in the brief's text`);
  return Number(match[1]!.replaceAll(',', '').replace('−', '-'));
}

/** The number after "vs" on the line under a KPI (last week's value). */
export function previousAfter(text: string, label: string): number {
  const match = new RegExp(`${label}\\s+\\S+(?: %)?\\s+[^\\n]*?vs ([−-]?[\\d,]+(?:\\.\\d+)?)`).exec(text);
  if (!match) throw new Error(`last week's value of "${label}" not found`);
  return Number(match[1]!.replaceAll(',', '').replace('−', '-'));
}
