import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorityDirectory, normaliseAuthorityName, type Authority } from '../../src/corpus/authorities';

/** The 153 distinct `local_authority` spellings of Ofsted's ILACS history (shared/ofsted/ilacs-history.csv). */
const CSV_NAMES = [
  'barking and dagenham', 'barnet', 'barnsley', 'bath and north east somerset', 'bedford', 'bexley', 'birmingham',
  'blackburn with darwen', 'blackpool', 'bolton', 'bournemouth, christchurch & poole', 'bracknell forest',
  'bradford', 'brent', 'brighton and hove', 'bristol', 'bromley', 'buckinghamshire', 'bury', 'calderdale',
  'cambridgeshire', 'camden', 'central bedfordshire', 'cheshire east', 'cheshire west and chester', 'cornwall',
  'coventry', 'croydon', 'cumberland', 'darlington', 'derby', 'derbyshire', 'devon', 'doncaster', 'dorset', 'dudley',
  'durham', 'ealing', 'east riding of yorkshire', 'east sussex', 'enfield', 'essex', 'gateshead', 'gloucestershire',
  'greenwich', 'hackney', 'halton', 'hammersmith and fulham', 'hampshire', 'haringey', 'harrow', 'hartlepool',
  'havering', 'herefordshire', 'hertfordshire', 'hillingdon', 'hounslow', 'isle of wight', 'isles of scilly',
  'islington', 'kensington and chelsea', 'kent', 'kingston upon hull', 'kingston upon thames', 'kirklees',
  'knowsley', 'lambeth', 'lancashire', 'leeds', 'leicester', 'leicestershire', 'lewisham', 'lincolnshire',
  'liverpool', 'london corporation', 'luton', 'manchester', 'medway', 'merton', 'middlesbrough', 'milton keynes',
  'newcastle upon tyne', 'newham', 'norfolk', 'north east lincolnshire', 'north lincolnshire',
  'north northamptonshire', 'north somerset', 'north tyneside', 'north yorkshire', 'northumberland', 'nottingham',
  'nottinghamshire', 'oldham', 'oxfordshire', 'peterborough', 'plymouth', 'portsmouth', 'reading', 'redbridge',
  'redcar and cleveland', 'richmond upon thames', 'rochdale', 'rotherham', 'rutland', 'salford', 'sandwell',
  'sefton', 'sheffield', 'shropshire', 'slough', 'solihull', 'somerset', 'south gloucestershire', 'south tyneside',
  'southampton', 'southend-on-sea', 'southwark', 'st helens', 'staffordshire', 'stockport', 'stockton-on-tees',
  'stoke-on-trent', 'suffolk', 'sunderland', 'surrey', 'sutton', 'swindon', 'tameside', 'telford & wrekin',
  'thurrock', 'torbay', 'tower hamlets', 'trafford', 'wakefield', 'walsall', 'waltham forest', 'wandsworth',
  'warrington', 'warwickshire', 'west berkshire', 'west northamptonshire', 'west sussex', 'westminster',
  'westmorland and furness', 'wigan', 'wiltshire', 'windsor & maidenhead', 'wirral', 'wokingham', 'wolverhampton',
  'worcestershire', 'york',
];

/** [authority, text] pairs in the order `find` should report them. */
type Expected = Array<[string, string]>;

describe('authorities', () => {
  const directory = AuthorityDirectory.load();

  describe('data/authorities.json', () => {
    it('lists exactly the 153 current authorities', () => {
      expect(CSV_NAMES).toHaveLength(153);
      expect(directory.all).toHaveLength(153);
    });

    it('has unique canonical names', () => {
      const names = directory.all.map((a) => a.name.toLowerCase());
      expect(new Set(names).size).toBe(names.length);
    });

    it('never gives a name or alias to two authorities (only companies and former names may be shared)', () => {
      const owner = new Map<string, string>();
      const clashes: string[] = [];
      for (const a of directory.all) {
        for (const form of [a.name, ...a.aliases]) {
          const key = normaliseAuthorityName(form);
          const other = owner.get(key);
          if (other !== undefined && other !== a.name) clashes.push(`${form}: ${other} / ${a.name}`);
          owner.set(key, a.name);
        }
      }
      for (const a of directory.all) {
        for (const form of [...a.companies, ...a.formerly]) {
          const other = owner.get(normaliseAuthorityName(form));
          if (other !== undefined && other !== a.name) clashes.push(`${form} (company/former of ${a.name}) is ${other}'s alias`);
        }
      }
      expect(clashes).toEqual([]);
    });

    it('includes each CSV spelling among the aliases or as the name', () => {
      const missing = CSV_NAMES.filter((csv) => !directory.all.some(
        (a) => a.name.toLowerCase() === csv || a.aliases.includes(csv),
      ));
      expect(missing).toEqual([]);
    });

    it.each(CSV_NAMES)('resolves the CSV spelling %s to exactly one authority', (csv) => {
      const { matches } = directory.resolve(csv);
      expect(matches).toHaveLength(1);
      const authority = directory.get(matches[0] ?? '');
      expect(authority?.aliases.includes(csv) || authority?.name.toLowerCase() === csv).toBe(true);
    });

    it('resolves every name and alias to its own authority only', () => {
      const wrong: string[] = [];
      for (const a of directory.all) {
        for (const form of [a.name, ...a.aliases]) {
          const { matches } = directory.resolve(form);
          if (matches.length !== 1 || matches[0] !== a.name) wrong.push(`${form} → ${matches.join(', ')}`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it('resolves every company and former name to a set that includes its authority', () => {
      const wrong: string[] = [];
      for (const a of directory.all) {
        for (const form of [...a.companies, ...a.formerly]) {
          if (!directory.resolve(form).matches.includes(a.name)) wrong.push(`${form} (${a.name})`);
        }
      }
      expect(wrong).toEqual([]);
    });

    it.each<[string, string, string[]]>([
      ['Achieving for Children is shared by three councils', 'Achieving for Children',
        ['Kingston upon Thames', 'Richmond upon Thames', 'Windsor and Maidenhead']],
      ['Cumbria split in 2023', 'Cumbria', ['Cumberland', 'Westmorland and Furness']],
      ['Northamptonshire split in 2021', 'Northamptonshire', ['North Northamptonshire', 'West Northamptonshire']],
      ["the Northamptonshire children's trust serves both successors", "Northamptonshire Children's Trust",
        ['North Northamptonshire', 'West Northamptonshire']],
    ])('shares a name where history does: %s', (_why, input, expected) => {
      expect(directory.resolve(input).matches).toEqual(expected);
    });

    it('gets an authority by canonical name, case-insensitively', () => {
      expect(directory.get('worcestershire')?.name).toBe('Worcestershire');
      expect(directory.get('TELFORD & WREKIN')?.name).toBe('Telford and Wrekin');
      expect(directory.get('Worcs')).toBeUndefined();
    });
  });

  describe('AuthorityDirectory.load', () => {
    let dir = '';
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'authorities-'));
    });
    afterAll(() => {
      rmSync(dir, { recursive: true, force: true });
    });

    const good: Authority = { name: 'Testshire', aliases: ['Tests'], companies: [], formerly: [] };

    it.each<[string, unknown, RegExp]>([
      ['a list that is not an array', { name: 'Testshire' }, /expected a JSON array/],
      ['a missing name', [good, { aliases: [], companies: [], formerly: [] }], /entry \[1\] field name/],
      ['aliases that are not a list', [good, { name: 'Other', aliases: 'Oth', companies: [], formerly: [] }],
        /entry \[1\] \("Other"\) field aliases/],
      ['a blank alias', [{ ...good, aliases: ['Tests', 'T', '  '] }], /entry \[0\] \("Testshire"\) field aliases\[2\]: is blank/],
      ['an unknown field', [{ ...good, county: true }], /entry \[0\] \("Testshire"\) field/],
      ['a repeated name', [good, { ...good, name: 'TESTSHIRE' }], /entry \[1\] \("TESTSHIRE"\) field name: repeats entry \[0\]/],
      ['a day of forming that is no date', [{ ...good, formed: 'April 2023' }], /entry \[0\] \("Testshire"\) field formed: is not a date \(YYYY-MM-DD\)/],
    ])('rejects %s, naming the entry and field', (_why, content, message) => {
      const file = join(dir, 'authorities.json');
      writeFileSync(file, JSON.stringify(content));
      expect(() => AuthorityDirectory.load(file)).toThrow(message);
    });

    it('names the file it cannot read', () => {
      const file = join(dir, 'missing.json');
      expect(() => AuthorityDirectory.load(file)).toThrow(file);
    });

    it('builds a directory from a list in memory', () => {
      const small = AuthorityDirectory.fromList([good]);
      expect(small.all).toHaveLength(1);
      expect(small.resolve('tests').matches).toEqual(['Testshire']);
      expect(small.find('In Testshire today.')).toEqual([{ authority: 'Testshire', start: 3, end: 12, text: 'Testshire' }]);
    });
  });

  describe('AuthorityDirectory.find', () => {
    it.each<[string, string, Expected]>([
      ['a full council name, ending before the possessive',
        "Worcestershire County Council's children's services were judged good.",
        [['Worcestershire', 'Worcestershire County Council']]],
      ['a possessive with a curly apostrophe', 'Worcestershire’s leaders know their services well.',
        [['Worcestershire', 'Worcestershire']]],
      ['a possessive with a straight apostrophe', "Oxfordshire's care leavers", [['Oxfordshire', 'Oxfordshire']]],
      ['a London borough written out', 'The London Borough of Barking and Dagenham was inspected in 2023.',
        [['Barking and Dagenham', 'London Borough of Barking and Dagenham']]],
      ['"&" for "and"', 'Barking & Dagenham and Telford & Wrekin',
        [['Barking and Dagenham', 'Barking & Dagenham'], ['Telford and Wrekin', 'Telford & Wrekin']]],
      ['a heading in capitals', 'OFSTED INSPECTION OF WORCESTERSHIRE LOCAL AUTHORITY CHILDREN’S SERVICES',
        [['Worcestershire', 'WORCESTERSHIRE']]],
      ['North Yorkshire rather than York', 'North Yorkshire and York share a border.',
        [['North Yorkshire', 'North Yorkshire'], ['York', 'York']]],
      ['Derbyshire rather than Derby', 'Derbyshire and Derby City Council',
        [['Derbyshire', 'Derbyshire'], ['Derby', 'Derby City Council']]],
      ['both Kingstons', 'Kingston upon Hull is not Kingston upon Thames, and Kingston is in London.',
        [['Kingston upon Hull', 'Kingston upon Hull'], ['Kingston upon Thames', 'Kingston upon Thames'],
          ['Kingston upon Thames', 'Kingston']]],
      ['Central Bedfordshire rather than Bedford', 'Central Bedfordshire, Bedford Borough Council and Luton',
        [['Central Bedfordshire', 'Central Bedfordshire'], ['Bedford', 'Bedford Borough Council'], ['Luton', 'Luton']]],
      ['Cheshire West and Chester whole', 'Cheshire West and Chester and Cheshire East',
        [['Cheshire West and Chester', 'Cheshire West and Chester'], ['Cheshire East', 'Cheshire East']]],
      ['East and West Sussex', 'East Sussex and West Sussex councils',
        [['East Sussex', 'East Sussex'], ['West Sussex', 'West Sussex']]],
      ['South Gloucestershire rather than Gloucestershire', 'South Gloucestershire and Gloucestershire',
        [['South Gloucestershire', 'South Gloucestershire'], ['Gloucestershire', 'Gloucestershire']]],
      ['Westmorland and Furness whole', 'Westmorland and Furness Council was created in 2023.',
        [['Westmorland and Furness', 'Westmorland and Furness Council']]],
      ['Bath and North East Somerset, not North Somerset', 'Bath and North East Somerset and North Somerset',
        [['Bath and North East Somerset', 'Bath and North East Somerset'], ['North Somerset', 'North Somerset']]],
      ['North East Lincolnshire, North Lincolnshire and Lincolnshire',
        'North East Lincolnshire, North Lincolnshire and Lincolnshire',
        [['North East Lincolnshire', 'North East Lincolnshire'], ['North Lincolnshire', 'North Lincolnshire'],
          ['Lincolnshire', 'Lincolnshire']]],
      ['Stoke-on-Trent with spaces or hyphens', 'Stoke on Trent and Stoke-on-Trent',
        [['Stoke-on-Trent', 'Stoke on Trent'], ['Stoke-on-Trent', 'Stoke-on-Trent']]],
      ['BCP as one authority', 'Bournemouth, Christchurch and Poole Council (BCP) was formed in 2019.',
        [['Bournemouth, Christchurch and Poole', 'Bournemouth, Christchurch and Poole Council'],
          ['Bournemouth, Christchurch and Poole', 'BCP']]],
      ['abbreviations only in capitals', 'LBBD, lbbd, B&NES, bcp and RBKC',
        [['Barking and Dagenham', 'LBBD'], ['Bath and North East Somerset', 'B&NES'], ['Kensington and Chelsea', 'RBKC']]],
      ['Reading when it is the town', 'In Reading, Reading Borough Council works with Brighter Futures for Children.',
        [['Reading', 'Reading'], ['Reading', 'Reading Borough Council'], ['Reading', 'Brighter Futures for Children']]],
      ['no lower-case reading or bury', 'Before reading the report, managers had to bury the findings.', []],
      ['no sentence-initial verb Reading', 'Reading the report, inspectors found drift. Bury Council agreed.',
        [['Bury', 'Bury Council']]],
      ['Bury mid-sentence', 'Children in Bury and Wigan were seen.', [['Bury', 'Bury'], ['Wigan', 'Wigan']]],
      ['a company name whole', 'Worcestershire Children First runs the service.',
        [['Worcestershire', 'Worcestershire Children First']]],
      ['not "Children First" alone', 'Children First is a common slogan.', []],
      ['a trust with a curly apostrophe', 'Birmingham Children’s Trust took over in 2018.',
        [['Birmingham', 'Birmingham Children’s Trust']]],
      ['a shared company once per authority', 'Achieving for Children delivers the service.',
        [['Kingston upon Thames', 'Achieving for Children'], ['Richmond upon Thames', 'Achieving for Children'],
          ['Windsor and Maidenhead', 'Achieving for Children']]],
      ['a former county once per successor', 'Cumbria County Council was abolished.',
        [['Cumberland', 'Cumbria County Council'], ['Westmorland and Furness', 'Cumbria County Council']]],
      ['nothing in the Department for Education', 'The Department for Education issued a notice.', []],
      ['no town that only shares a word', 'Bury St Edmunds, Newcastle-under-Lyme and New York, not Newcastle upon Tyne',
        [['Newcastle upon Tyne', 'Newcastle upon Tyne']]],
      ['County Durham whole', 'Services in County Durham improved.', [['Durham', 'County Durham']]],
      ['St Helens with or without a full stop', 'St. Helens and St Helens', [['St Helens', 'St. Helens'], ['St Helens', 'St Helens']]],
      ['the City of London', 'The City of London Corporation has few children in care.',
        [['City of London', 'City of London Corporation']]],
      ['no name across a full stop', 'It was in the north. Yorkshire is large.', []],
      ['nothing in an empty string', '', []],
    ])('finds %s', (_why, text, expected) => {
      const mentions = directory.find(text);
      expect(mentions.map((m) => [m.authority, m.text])).toEqual(expected);
      for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
      for (let k = 1; k < mentions.length; k++) {
        const [prev, cur] = [mentions[k - 1], mentions[k]];
        if (prev && cur && (prev.start !== cur.start || prev.end !== cur.end)) expect(cur.start).toBeGreaterThanOrEqual(prev.end);
      }
    });

    it('reports offsets into the original text', () => {
      const text = 'Inspectors visited Oxfordshire, then Worcestershire’s front door.';
      expect(directory.find(text)).toEqual([
        { authority: 'Oxfordshire', start: 19, end: 30, text: 'Oxfordshire' },
        { authority: 'Worcestershire', start: 37, end: 51, text: 'Worcestershire' },
      ]);
    });

    it('is fast enough to run on every sentence', () => {
      const sentence = 'Leaders in Worcestershire County Council and Worcestershire Children First have improved help and protection for children in need.';
      const started = Date.now();
      for (let k = 0; k < 20000; k++) directory.find(sentence);
      expect(Date.now() - started).toBeLessThan(5000);
    });
  });

  describe('AuthorityDirectory.resolve', () => {
    it.each<[string, string, string[]]>([
      ['a county abbreviation', 'worcs', ['Worcestershire']],
      ['Oxon', 'Oxon', ['Oxfordshire']],
      ['a full county council name', 'Worcestershire County Council', ['Worcestershire']],
      ['"&" for "and"', 'barking & dagenham', ['Barking and Dagenham']],
      ['the CSV spelling of BCP', 'bournemouth, christchurch & poole', ['Bournemouth, Christchurch and Poole']],
      ['a BCP abbreviation', 'BCP', ['Bournemouth, Christchurch and Poole']],
      ['a transposition', 'Oxfrodshire', ['Oxfordshire']],
      ['a dropped letter', 'Hertfordshre', ['Hertfordshire']],
      ['a short typo', 'Wigam', ['Wigan']],
      ['Birmingham itself', 'Birmingham', ['Birmingham']],
      ['a city that starts a county name', 'oxford', ['Oxfordshire']],
      ['a metropolitan district council', 'City of Bradford Metropolitan District Council', ['Bradford']],
      ['a city council', 'Kingston upon Hull City Council', ['Kingston upon Hull']],
      ['Hull', 'hull', ['Kingston upon Hull']],
      ['a royal borough', 'Royal Borough of Greenwich', ['Greenwich']],
      ['a London borough', 'London Borough of Barking and Dagenham', ['Barking and Dagenham']],
      ['LBBD', 'LBBD', ['Barking and Dagenham']],
      ['B&NES', 'B&NES', ['Bath and North East Somerset']],
      ['the City of London', 'City of London', ['City of London']],
      ['the CSV spelling of the City of London', 'london corporation', ['City of London']],
      ['a possessive', "Worcestershire's", ['Worcestershire']],
      ['a name inside a phrase', "Worcestershire children's services", ['Worcestershire']],
      ['County Durham', 'Co. Durham', ['Durham']],
      ['Saint for St', 'Saint Helens', ['St Helens']],
      ['a company', 'Together for Children', ['Sunderland']],
      ['a former district council', 'South Northamptonshire Council', ['West Northamptonshire']],
      ['a former county council', 'Dorset County Council', ['Dorset']],
      ['a former unitary', 'Poole', ['Bournemouth, Christchurch and Poole']],
    ])('resolves %s', (_why, input, expected) => {
      expect(directory.resolve(input)).toEqual({ matches: expected, suggestions: [] });
    });

    it.each<[string, string, string]>([
      ['an unknown place', 'Narnia', ''],
      ['a region that is many authorities', 'London', 'City of London'],
      ['a prefix of several names', 'notting', 'Nottingham'],
      ['a prefix of several names', 'north', 'North Somerset'],
      ['a typo close to two names', 'Dorby', 'Derby'],
      ['Greater Manchester', 'Greater Manchester', 'Manchester'],
      ['an ambiguous short form, not York', 'Yorks', ''],
      ['an ambiguous region, not Essex', 'Sussex', ''],
    ])('suggests for %s (%s)', (_why, input, expected) => {
      const { matches, suggestions } = directory.resolve(input);
      expect(matches).toEqual([]);
      expect(suggestions.length).toBeGreaterThan(0);
      expect(suggestions.length).toBeLessThanOrEqual(3);
      if (expected !== '') expect(suggestions).toContain(expected);
    });

    it.each(['', '   ', 'Council'])('returns nothing for the empty input %j', (input) => {
      expect(directory.resolve(input)).toEqual({ matches: [], suggestions: [] });
    });
  });
  describe('AuthorityDirectory.near', () => {
    it.each<[string, string, string[], string[]]>([
      ['a name typed with a slip', 'Worcestershre', ['Worcestershire'], []],
      ['a short name with a letter too many', 'Kentt', ['Kent'], []],
      ['a slip in a name of several words', 'Barking and Dagenam', ['Barking and Dagenham'], []],
      ['the start of one name', 'Oxfordsh', ['Oxfordshire'], []],
      ['a slip as near one name as another', 'Suton', [], ['Luton', 'Sutton']],
      ['a name spelt like none', 'Narnia', [], []],
      ['a region', 'London', [], []],
      ['a phrase holding a name, which only resolve reads', 'Worcestershire inspections', [], []],
    ])('reads %s (%s)', (_why, input, matches, suggestions) => {
      expect(directory.near(input)).toEqual({ matches, suggestions });
    });
  });

  describe('AuthorityDirectory.succession', () => {
    it.each<[string, string, string[], string]>([
      ['Cumbria', 'Cumbria', ['Cumberland', 'Westmorland and Furness'], '2023-04-01'],
      ['cumbria county council', 'Cumbria', ['Cumberland', 'Westmorland and Furness'], '2023-04-01'],
      ['Northamptonshire', 'Northamptonshire', ['North Northamptonshire', 'West Northamptonshire'], '2021-04-01'],
    ])('names the authorities that replaced %j, and when', (input, former, successors, formed) => {
      expect(directory.succession(input)).toEqual({ former, successors, formed });
    });

    it.each(['Worcestershire', 'Allerdale Borough Council', "Northamptonshire Children's Trust", 'Narnia'])('is null for %j, which no two authorities replaced', (input) => {
      expect(directory.succession(input)).toBeNull();
    });
  });
});
