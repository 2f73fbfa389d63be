import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../../app/config.js';
import { createAppContext } from '../../app/context.js';
import { CountryCode, Identifier, type CountryCode as Country } from '../../models/common.js';
import { deliverBrief } from '../../workers/brief/deliver.js';
import { defaultLocale, produceBrief } from '../../workers/brief/generate.js';
import { InvalidWeekError, lastCompleteWeek, weekRange } from '../../workers/brief/week.js';
import { parseCommandArgs, UsageError, type Command } from '../command.js';

const command: Command = {
  name: 'brief',
  summary: 'genera el informe semanal en PDF (se guarda; opcionalmente en un archivo)',
  usage: `
escucha brief [--week 2026-W47] [--out brief.pdf] [--locale es|en] [--country GT]... [--campaign id]...

Generates the weekly brief of an ISO week (default: the last complete week, Monday to Sunday
UTC), stores it so the dashboard and the API list it, and writes it to --out if given.

Options:
  --week YYYY-Www     the ISO week (default: last complete week)
  --out <file>        also write the PDF here
  --locale es|en      language (default: en when the only country is BZ, else es)
  --country <code>    limit to a country, repeatable (${CountryCode.options.join(', ')})
  --campaign <id>     limit to a campaign, repeatable
  --deliver           also send it by e-mail (SMTP_URL, ESCUCHA_BRIEF_EMAIL_TO) and/or webhook
                      (ESCUCHA_BRIEF_WEBHOOK_URL), as the weekly job does

Prints a JSON summary as its last line: {"id":...,"week":...,"pages":N,"bytes":N,"out":...}.`,

  async run(argv, io) {
    const { values } = parseCommandArgs(
      argv,
      {
        week: { type: 'string' },
        out: { type: 'string' },
        locale: { type: 'string' },
        country: { type: 'string', multiple: true },
        campaign: { type: 'string', multiple: true },
        deliver: { type: 'boolean' },
      },
      false,
    );
    const week = values.week ?? lastCompleteWeek(new Date());
    try {
      weekRange(week);
    } catch (error) {
      if (error instanceof InvalidWeekError) throw new UsageError(`--week ${error.message}`);
      throw error;
    }
    const countries = (values.country ?? []).flatMap((c) => c.split(',')).map((code) => {
      const parsed = CountryCode.safeParse(code.trim().toUpperCase());
      if (!parsed.success) throw new UsageError(`--country "${code}" must be one of ${CountryCode.options.join(', ')}`);
      return parsed.data;
    });
    const campaigns = (values.campaign ?? []).map((id) => {
      if (!Identifier.safeParse(id).success) throw new UsageError(`--campaign "${id}" is not a valid campaign id`);
      return id;
    });
    if (values.locale !== undefined && values.locale !== 'es' && values.locale !== 'en') throw new UsageError('--locale must be es or en');
    const locale = values.locale ?? defaultLocale(countries);

    const config = loadConfig(io.env);
    const app = await createAppContext(config, { consume: false });
    try {
      for (const id of campaigns) {
        if (!(await app.store.campaigns.get(id))) io.stderr.write(`warning: campaign "${id}" is not defined\n`);
      }
      io.stderr.write(`generando el informe ${week} (${locale})…\n`);
      const produced = await produceBrief(app.store, { week, locale, scope: { countries: unique(countries), campaigns: unique(campaigns) } });
      const out = values.out ? resolve(values.out) : null;
      if (out) await writeFile(out, produced.pdf);
      if (values.deliver) {
        const delivered = await deliverBrief(produced, config, app.logger);
        io.stderr.write(`delivered: ${JSON.stringify(delivered)}\n`);
      }
      io.stdout.write(`${JSON.stringify({ id: produced.brief.id, week, pages: produced.pages, bytes: produced.brief.bytes, out })}\n`);
    } finally {
      await app.close();
    }
    return 0;
  },
};
export default command;

function unique<T extends string | Country>(values: T[]): T[] {
  return [...new Set(values)];
}
