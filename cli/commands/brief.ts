import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { loadConfig } from '../../app/config.js';
import { createAppContext } from '../../app/context.js';
import { CountryCode, Identifier, type CountryCode as Country } from '../../models/common.js';
import { deliverBrief } from '../../workers/brief/deliver.js';
import { defaultLocale, produceBrief } from '../../workers/brief/generate.js';
import { lastCompleteWeek, weekProblem, weekProblemText } from '../../models/iso-week.js';
import { parseCommandArgs, UsageError, type Command } from '../command.js';

const command: Command = {
  name: 'brief',
  summary: 'genera el informe semanal en PDF (se guarda; opcionalmente en un archivo)',
  usage: `
escucha brief [--week 2026-W47] [--out brief.pdf] [--locale es|en] [--country GT]... [--campaign id]...

Genera el informe semanal de una semana ISO (por defecto, la última semana completa, de lunes a
domingo UTC), lo guarda para que el panel y la API lo listen y, con --out, lo escribe en un archivo.

Opciones:
  --week AAAA-Www     la semana ISO (por defecto, la última completa; no una futura)
  --out <archivo>     escribe también el PDF aquí
  --locale es|en      idioma (por defecto en si el único país es BZ; si no, es)
  --country <código>  limita a un país; repetible (${CountryCode.options.join(', ')})
  --campaign <id>     limita a una campaña; repetible
  --deliver           lo envía además por correo (SMTP_URL, ESCUCHA_BRIEF_EMAIL_TO) y/o webhook
                      (ESCUCHA_BRIEF_WEBHOOK_URL), como el trabajo semanal

La última línea es un resumen JSON: {"id":...,"week":...,"pages":N,"bytes":N,"out":...}.`,

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
    const week = values.week?.trim() ?? lastCompleteWeek(new Date());
    // The API's checks (server/routes/briefs.ts): a week its year has, not in the future.
    const problem = weekProblem(week);
    if (problem) throw new UsageError(`--week: ${weekProblemText(week, problem)}`);
    const countries = (values.country ?? []).flatMap((c) => c.split(',')).map((code) => {
      const parsed = CountryCode.safeParse(code.trim().toUpperCase());
      if (!parsed.success) throw new UsageError(`--country "${code}" debe ser uno de ${CountryCode.options.join(', ')}`);
      return parsed.data;
    });
    const campaigns = (values.campaign ?? []).map((id) => {
      if (!Identifier.safeParse(id).success) throw new UsageError(`--campaign "${id}" no es un id de campaña válido`);
      return id;
    });
    if (values.locale !== undefined && values.locale !== 'es' && values.locale !== 'en') throw new UsageError('--locale debe ser es o en');
    const locale = values.locale ?? defaultLocale(countries);

    const config = loadConfig(io.env);
    const app = await createAppContext(config, { consume: false });
    try {
      for (const id of campaigns) {
        if (!(await app.store.campaigns.get(id))) io.stderr.write(`aviso: la campaña "${id}" no está definida\n`);
      }
      io.stderr.write(`generando el informe ${week} (${locale})…\n`);
      const produced = await produceBrief(app.store, { week, locale, scope: { countries: unique(countries), campaigns: unique(campaigns) } });
      const out = values.out ? resolve(values.out) : null;
      if (out) await writeFile(out, produced.pdf);
      if (values.deliver) {
        const delivered = await deliverBrief(produced, config, app.logger);
        io.stderr.write(`entregado: ${JSON.stringify(delivered)}\n`);
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
