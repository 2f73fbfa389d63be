import { describe, expect, it } from 'vitest';
import type { Campaign } from '../../../models/campaign.js';
import { sharedAnalyzer } from './helpers/shared.js';

const campaign = (over: Partial<Campaign>): Campaign => ({
  id: 'naranja',
  name: 'Día Naranja',
  description: '',
  hashtags: ['DiaNaranja'],
  handles: ['onumujeresgt'],
  keywords: ['vida libre de violencia'],
  countries: ['GT'],
  startDate: '2024-11-01',
  endDate: '2024-11-30',
  launchDate: null,
  createdAt: '2024-10-01T00:00:00.000Z',
  updatedAt: '2024-10-01T00:00:00.000Z',
  ...over,
});

async function match(
  input: {
    text: string;
    createdAt?: string;
    authorLocation?: string;
    authorHandle?: string;
    hashtags?: string[];
  },
  campaigns: Campaign[],
) {
  return (await sharedAnalyzer()).analyze({ ...input, campaigns }).campaigns;
}

describe('campaign matching', () => {
  const c = campaign({});
  it('matches by hashtag within dates and countries', async () => {
    const r = await match(
      {
        text: 'Hoy nos vestimos de naranja #DíaNaranja en Mixco',
        createdAt: '2024-11-25T10:00:00Z',
      },
      [c],
    );
    expect(r).toHaveLength(1);
    expect(r[0]!.explanation[0]!.feature).toBe('#DiaNaranja');
  });
  it('matches by handle and by keyword', async () => {
    expect(
      await match(
        {
          text: 'Únete',
          authorHandle: '@OnuMujeresGT',
          authorLocation: 'Guatemala',
          createdAt: '2024-11-02T00:00:00Z',
        },
        [c],
      ),
    ).toHaveLength(1);
    expect(
      await match(
        {
          text: 'Exigimos una vida libre de violencia en Quetzaltenango',
          createdAt: '2024-11-10T00:00:00Z',
        },
        [c],
      ),
    ).toHaveLength(1);
  });
  it('respects dates (end date inclusive)', async () => {
    expect(
      await match({ text: '#DiaNaranja en Guatemala', createdAt: '2024-10-31T23:00:00Z' }, [c]),
    ).toEqual([]);
    expect(
      await match({ text: '#DiaNaranja en Guatemala', createdAt: '2024-11-30T23:59:00Z' }, [c]),
    ).toHaveLength(1);
    expect(
      await match({ text: '#DiaNaranja en Guatemala', createdAt: '2024-12-01T00:00:00Z' }, [c]),
    ).toEqual([]);
    const open = campaign({ endDate: null });
    expect(
      await match({ text: '#DiaNaranja en Guatemala', createdAt: '2025-06-01T00:00:00Z' }, [open]),
    ).toHaveLength(1);
  });
  it('respects countries (empty = all)', async () => {
    expect(
      await match({ text: '#DiaNaranja en Tegucigalpa', createdAt: '2024-11-25T00:00:00Z' }, [c]),
    ).toEqual([]);
    const everywhere = campaign({ countries: [] });
    expect(
      await match({ text: '#DiaNaranja en Tegucigalpa', createdAt: '2024-11-25T00:00:00Z' }, [
        everywhere,
      ]),
    ).toHaveLength(1);
  });
  it('does not match unrelated posts', async () => {
    expect(
      await match({ text: 'Hoy llueve en Guatemala', createdAt: '2024-11-25T00:00:00Z' }, [c]),
    ).toEqual([]);
  });
});
