/** The rules under the extraction goldens, one by one: entity resolution, lists, obligations, themes, anchors. */
import { describe, expect, it } from 'vitest';
import { findObligation } from '../ingest/extract/obligations.ts';
import { PartyRegister } from '../ingest/extract/party-register.ts';
import { anchorId, anchorsInSentence } from '../ingest/extract/plan-anchors.ts';
import { referencesIn } from '../ingest/extract/cross-references.ts';
import { themesOf } from '../ingest/extract/themes.ts';

function register(language: 'nb' | 'nn' = 'nb') {
  const r = new PartyRegister(language);
  const municipalities = ['Lesja kommune', 'Dovre kommune'].flatMap((m) => r.resolveName(m));
  r.context = { municipalities, county: r.resolveName('Innlandet fylkeskommune')[0]!, governor: r.contextParty('Statsforvalteren i Innlandet')! };
  return r;
}

describe('entity resolution', () => {
  it('folds spelling variants, nynorsk forms and case into one party', () => {
    const r = register();
    const same = (a: string, b: string) => expect(r.resolveName(a), `${a} / ${b}`).toEqual(r.resolveName(b));
    same('Distriktssentret', 'Distriktssenteret');
    same('Skjærvøy kommune', 'Skjervøy kommune');
    same('Troms Fylkeskommune', 'Troms fylkeskommune');
    same('Statsforvaltaren i Vestfold og Telemark', 'Statsforvalteren i Vestfold og Telemark');
    same('NAV', 'Nav');
    same('Innovasjon Noreg', 'Innovasjon Norge');
    expect(r.get(r.resolveName('Skjærvøy kommune')[0]!).aliases).toEqual(['Skjærvøy kommune', 'Skjervøy kommune']);
  });

  it('learns abbreviations the text defines, either way round', () => {
    const r = register();
    r.resolveName('Lesja næringsforum');
    r.defineAbbreviations('Arbeidet ledes av Lesja næringsforum (LNF) og Dovre kommune.');
    expect(r.resolveName('LNF')).toEqual(r.resolveName('Lesja næringsforum'));
    r.defineAbbreviations('Kommunane skal gå i dialog med HINN (Høgskolen i Innlandet).');
    expect(r.resolveName('HINN')).toEqual(r.resolveName('Høgskolen i Innlandet'));
  });

  it('expands the words that stand for the pilot’s own parties', () => {
    const r = register();
    expect(r.resolveName('avtalekommunane')).toEqual(r.resolveName('Lesja kommune').concat(r.resolveName('Dovre kommune')));
    expect(r.resolveName('fylkeskommunen')).toEqual(r.resolveName('Innlandet fylkeskommune'));
    expect(r.get(r.resolveName('Statsforvalter')[0]!).name).toBe('Statsforvalteren i Innlandet');
  });

  it('gives organisations it has never seen a kind from their names, and a bokmål name for a nynorsk one', () => {
    const r = register('nn');
    const kind = (n: string) => r.get(r.resolveName(n)[0]!).kind;
    expect(kind('Vågå sparebank')).toBe('BUSINESS');
    expect(kind('Gudbrandsdal regionråd')).toBe('INTERMUNICIPAL');
    expect(kind('Lesja vidaregåande skule')).toBe('EDUCATION_RESEARCH');
    expect(r.get(r.resolveName('Opplæringskontoret i offentleg sektor')[0]!).name).toBe('Opplæringskontoret i offentlig sektor');
  });

  it('reads a list: names with "og" inside stay whole, generic groups and examples of actors are no parties', () => {
    const r = register();
    const listed = (text: string) => r.parseList(text).map((id) => r.get(id).name);
    expect(listed('avtalekommunene, Husbanken og Nord-Troms Plan og Eiendom')).toEqual([
      'Lesja kommune', 'Dovre kommune', 'Husbanken', 'Nord-Troms Plan og Eiendom',
    ]);
    expect(listed('KS og KS Digital, Universitet og faginstanser som forsker på digitalisering')).toEqual(['KS', 'KS Digital']);
    expect(listed('Møre og Romsdal fylkeskommune og Statsforvalteren i Møre og Romsdal')).toEqual([
      'Møre og Romsdal fylkeskommune', 'Statsforvalteren i Møre og Romsdal',
    ]);
    expect(listed('lokale bankar, utbyggjarar, entreprenørar og investorar, med fleire.')).toEqual([]);
    expect(listed('Fortidsminneforeninga/Ljos i gamle hus, Ungdomsråd, Distriktssenteret m.v.')).toEqual(['Fortidsminneforeningen', 'Distriktssenteret']);
  });

  it('finds party mentions in running text, longest name first, genitive included', () => {
    const r = register();
    const found = r.mentions('Statsforvalteren i Innlandet skal støtte Husbankens arbeid og fylkeskommunen.').map((m) => m.written);
    expect(found).toEqual(['Statsforvalteren i Innlandet', 'Husbanken', 'fylkeskommunen']);
  });
});

describe('obligations', () => {
  const r = register('nn');
  const scope = { collectiveParties: r.resolveName('Innlandet fylkeskommune'), municipalities: r.context.municipalities };
  const modality = (s: string) => findObligation(s, r, scope)?.modality;
  it('reads the modality in both written standards', () => {
    expect(modality('Avtalekommunane forpliktar seg til å vidareføre samarbeidet.')).toBe('FORPLIKTER');
    expect(modality('Avtalekommunene forplikter seg som hovedparter til å prioritere innsats.')).toBe('FORPLIKTER');
    expect(modality('Fylkeskommunen skal støtte avtalekommunane.')).toBe('SKAL');
    expect(modality('KDD vil invitere hovudpartane til dialog.')).toBe('VIL');
    expect(modality('Partane kan bli einige om å invitere andre aktørar.')).toBe('KAN');
    expect(modality('Fylkeskommunen bør òg samordne eigen innsats.')).toBe('BOR');
  });

  it('binds the subject, also after the verb, and the collective words to the parties in scope', () => {
    const bound = (s: string) => findObligation(s, r, scope)?.parties.map((id) => r.get(id).name);
    expect(bound('Som ein del av dette skal fylkeskommunen samarbeide med piloten.')).toEqual(['Innlandet fylkeskommune']);
    expect(bound('Avtalekommunane skal fordele midlar.')).toEqual(['Lesja kommune', 'Dovre kommune']);
    expect(bound('Partane skal utforske moglegheiter.')).toEqual(['Innlandet fylkeskommune']);
    expect(findObligation('Det skal arbeidast med å utvikle kompetanse.', r, scope)).toBeUndefined();
    expect(findObligation('Ein samarbeidsstruktur mellom Innlandet fylkeskommune og KDD skal bidra til framdrift.', r, scope)).toBeUndefined();
    expect(findObligation('KDD forpliktar seg til å koordinere dialog.', r, scope)?.action).toBe('til å koordinere dialog');
  });
});

describe('themes', () => {
  it('reads housing, settlement and work in bokmål and nynorsk alike', () => {
    expect(themesOf('Økt variasjon i boligtilbudet')).toContain('HOUSING');
    expect(themesOf('Fleire eigna bustader')).toContain('HOUSING');
    expect(themesOf('Økt bosetting')).toContain('ATTRACTIVENESS_SETTLEMENT');
    expect(themesOf('auka busetjing')).toContain('ATTRACTIVENESS_SETTLEMENT');
    expect(themesOf('Korleis få fleire arbeidsplassar i privat sektor')).toEqual(['WORKFORCE', 'BUSINESS']);
    expect(themesOf('Utvikle nye løsninger for bestillingstransport')).toEqual(['MOBILITY']);
  });

  it('does not read a theme into a word that only begins like a term', () => {
    expect(themesOf('Statsforvalteren skal legge til rette for dialog')).toEqual([]);
    expect(themesOf('Tiltak for flyktninger og tilflytting')).not.toContain('MOBILITY');
  });
});

describe('plan anchors and cross-references', () => {
  it('gives the same white paper one id whatever its title text', () => {
    const [a] = anchorsInSentence('Avtala er forankra i Meld. St. 27 (2022– 2023) Eit godt liv i heile Noreg.');
    expect(a).toEqual({ name: 'Meld. St. 27 (2022–2023) Eit godt liv i heile Noreg', type: 'WHITE_PAPER' });
    expect(anchorId(a!.name)).toBe(anchorId('Meld. St. 27 (2022–2023) Eit godt liv i heile Noreg – distriktspolitikk for framtida'));
  });

  it('leaves out what only gestures at plans', () => {
    expect(anchorsInSentence('Innhaldet skal vidare forankrast i arbeidet med eventuelle nye samfunnsplanar.')).toEqual([]);
    expect(anchorsInSentence('Arbeidet er forankret i regionale planer.')).toEqual([]);
  });

  it('finds a named agreement of the other scheme, and not the scheme’s own generic plural', () => {
    const own = { scheme: 'BYGDEVEKST', area: 'Nord-Troms' } as const;
    expect(referencesIn('Tromsvekstavtalen og Bygdevekstavtalen for Nord-Troms skal forsterke innsatsen.', own)).toEqual([
      { targetName: 'Tromsvekstavtalen for Nord-Troms', targetScheme: 'TROMSVEKST', targetArea: 'Nord-Troms' },
    ]);
    expect(referencesIn('Tromsvekstavtalene skal brukes aktivt for å nå målene i RTP.', { scheme: 'TROMSVEKST', area: 'Nord-Troms' })).toEqual([]);
  });

  it('finds an agreement of the same scheme for another area, and any other named agreement, but not its own name', () => {
    expect(referencesIn('Erfaringane frå Bygdevekstavtala for Vest-Telemark skal nyttast.', { scheme: 'BYGDEVEKST', area: 'Setesdal' })).toEqual([
      { targetName: 'Bygdevekstavtala for Vest-Telemark', targetScheme: 'BYGDEVEKST', targetArea: 'Vest-Telemark' },
    ]);
    expect(referencesIn('Arbeidet ses i sammenheng med Partnerskapsavtale for Helgeland 2024–2027.', { scheme: 'BYGDEVEKST', area: 'Helgelandskysten' })).toEqual([
      { targetName: 'Partnerskapsavtale for Helgeland 2024–2027', targetScheme: 'OTHER', targetArea: 'Helgeland 2024–2027' },
    ]);
    expect(referencesIn('Tromsvekstavtalen for Midt-Troms 2026–2029 er en samarbeidsavtale.', { scheme: 'TROMSVEKST', area: 'Midt-Troms' })).toEqual([]);
  });
});
