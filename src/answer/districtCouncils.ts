/**
 * England's district councils: places people name that have councils of their own but no children's services. In
 * two-tier areas the county council runs children's services; where districts have been abolished, the unitary
 * authority that replaced them does. Names are as the councils write them ("Folkestone and Hythe").
 */

/** A district council and the authority that runs children's services for its area. */
export interface DistrictCouncil {
  name: string;
  /** The children's services authority for the district's area. */
  authority: string;
  /** The year the district was abolished, or null for one that still exists. */
  abolished: number | null;
}

/** Districts of the two-tier counties, by county (2025). */
const BY_COUNTY: Record<string, string[]> = {
  Cambridgeshire: ['Cambridge', 'East Cambridgeshire', 'Fenland', 'Huntingdonshire', 'South Cambridgeshire'],
  Derbyshire: ['Amber Valley', 'Bolsover', 'Chesterfield', 'Derbyshire Dales', 'Erewash', 'High Peak', 'North East Derbyshire', 'South Derbyshire'],
  Devon: ['East Devon', 'Exeter', 'Mid Devon', 'North Devon', 'South Hams', 'Teignbridge', 'Torridge', 'West Devon'],
  'East Sussex': ['Eastbourne', 'Hastings', 'Lewes', 'Rother', 'Wealden'],
  Essex: ['Basildon', 'Braintree', 'Brentwood', 'Castle Point', 'Chelmsford', 'Colchester', 'Epping Forest', 'Harlow', 'Maldon', 'Rochford', 'Tendring', 'Uttlesford'],
  Gloucestershire: ['Cheltenham', 'Cotswold', 'Forest of Dean', 'Gloucester', 'Stroud', 'Tewkesbury'],
  Hampshire: ['Basingstoke and Deane', 'East Hampshire', 'Eastleigh', 'Fareham', 'Gosport', 'Hart', 'Havant', 'New Forest', 'Rushmoor', 'Test Valley', 'Winchester'],
  Hertfordshire: ['Broxbourne', 'Dacorum', 'East Hertfordshire', 'Hertsmere', 'North Hertfordshire', 'St Albans', 'Stevenage', 'Three Rivers', 'Watford', 'Welwyn Hatfield'],
  Kent: ['Ashford', 'Canterbury', 'Dartford', 'Dover', 'Folkestone and Hythe', 'Gravesham', 'Maidstone', 'Sevenoaks', 'Swale', 'Thanet', 'Tonbridge and Malling', 'Tunbridge Wells'],
  Lancashire: ['Burnley', 'Chorley', 'Fylde', 'Hyndburn', 'Lancaster', 'Pendle', 'Preston', 'Ribble Valley', 'Rossendale', 'South Ribble', 'West Lancashire', 'Wyre'],
  Leicestershire: ['Blaby', 'Charnwood', 'Harborough', 'Hinckley and Bosworth', 'Melton', 'North West Leicestershire', 'Oadby and Wigston'],
  Lincolnshire: ['Boston', 'East Lindsey', 'Lincoln', 'North Kesteven', 'South Holland', 'South Kesteven', 'West Lindsey'],
  Norfolk: ['Breckland', 'Broadland', 'Great Yarmouth', "King's Lynn and West Norfolk", 'North Norfolk', 'Norwich', 'South Norfolk'],
  Nottinghamshire: ['Ashfield', 'Bassetlaw', 'Broxtowe', 'Gedling', 'Mansfield', 'Newark and Sherwood', 'Rushcliffe'],
  Oxfordshire: ['Cherwell', 'Oxford', 'South Oxfordshire', 'Vale of White Horse', 'West Oxfordshire'],
  Staffordshire: ['Cannock Chase', 'East Staffordshire', 'Lichfield', 'Newcastle-under-Lyme', 'South Staffordshire', 'Stafford', 'Staffordshire Moorlands', 'Tamworth'],
  Suffolk: ['Babergh', 'East Suffolk', 'Ipswich', 'Mid Suffolk', 'West Suffolk'],
  Surrey: ['Elmbridge', 'Epsom and Ewell', 'Guildford', 'Mole Valley', 'Reigate and Banstead', 'Runnymede', 'Spelthorne', 'Surrey Heath', 'Tandridge', 'Waverley', 'Woking'],
  Warwickshire: ['North Warwickshire', 'Nuneaton and Bedworth', 'Rugby', 'Stratford-on-Avon', 'Warwick'],
  'West Sussex': ['Adur', 'Arun', 'Chichester', 'Crawley', 'Horsham', 'Mid Sussex', 'Worthing'],
  Worcestershire: ['Bromsgrove', 'Malvern Hills', 'Redditch', 'Worcester', 'Wychavon', 'Wyre Forest'],
};

/** Districts abolished when their areas became unitary: [district, the authority that replaced it, year]. */
const ABOLISHED: [string, string, number][] = [
  ...['Aylesbury Vale', 'Chiltern', 'South Bucks', 'Wycombe'].map((d): [string, string, number] => [d, 'Buckinghamshire', 2020]),
  ...['East Dorset', 'North Dorset', 'Purbeck', 'West Dorset', 'Weymouth and Portland'].map((d): [string, string, number] => [d, 'Dorset', 2019]),
  ...['Daventry', 'Northampton', 'South Northamptonshire'].map((d): [string, string, number] => [d, 'West Northamptonshire', 2021]),
  ...['Craven', 'Hambleton', 'Harrogate', 'Richmondshire', 'Ryedale', 'Scarborough', 'Selby'].map((d): [string, string, number] => [d, 'North Yorkshire', 2023]),
  ...['Mendip', 'Sedgemoor', 'Somerset West and Taunton', 'South Somerset', 'Taunton Deane'].map((d): [string, string, number] => [d, 'Somerset', 2023]),
  ...['Allerdale', 'Carlisle', 'Copeland'].map((d): [string, string, number] => [d, 'Cumberland', 2023]),
  ...['Barrow-in-Furness', 'Eden', 'South Lakeland'].map((d): [string, string, number] => [d, 'Westmorland and Furness', 2023]),
];

/** A district's name as a comparison key: lower case, "&" as "and", "saint" as "st", hyphens and stops as spaces. */
function key(name: string): string {
  return name.toLowerCase().replace(/&/g, ' and ').replace(/[’']/g, '').replace(/\bsaint\b/g, 'st').replace(/[^a-z]+/g, ' ').trim();
}

const DISTRICTS = new Map<string, DistrictCouncil>([
  ...Object.entries(BY_COUNTY).flatMap(([county, names]) => names.map((name): [string, DistrictCouncil] => [key(name), { name, authority: county, abolished: null }])),
  ...ABOLISHED.map(([name, authority, abolished]): [string, DistrictCouncil] => [key(name), { name, authority, abolished }]),
]);

/** Words typed after a district's name that still mean the district ("Cherwell District Council"). */
const COUNCIL_WORDS = /\s+(?:city\s+and\s+district|district|borough|city)?\s*council\b|\s+(?:district|borough)\b/gi;

/** The district council a typed name is ("Cherwell", "cherwell district council", "Kings Lynn and West Norfolk"), or null. */
export function districtCouncil(name: string): DistrictCouncil | null {
  return DISTRICTS.get(key(name.replace(COUNCIL_WORDS, ''))) ?? null;
}

/**
 * The first district council a question names, or null. A name of fewer than seven letters counts only when written
 * with a capital ("Hart", "Rugby", "Boston" are words too); a longer one counts in lower case as well ("cherwell").
 */
export function findDistrictCouncil(text: string): DistrictCouncil | null {
  const words = text.replace(COUNCIL_WORDS, ' ').split(/[^\p{L}&'’-]+/u).filter((w) => w.length > 0);
  for (let len = Math.min(6, words.length); len >= 1; len--) {
    for (let i = 0; i + len <= words.length; i++) {
      const typed = words.slice(i, i + len).join(' ').replace(/['’]s$/i, '');
      const found = districtCouncil(typed);
      if (found && (found.name.replace(/[^a-z]/gi, '').length >= 7 || /^\p{Lu}/u.test(typed))) return found;
    }
  }
  return null;
}

/** What to say when asked about a district: it is no children's services authority, and which authority is. */
export function districtText(d: DistrictCouncil): string {
  const was = d.abolished === null ? `${d.name} is a district council` : `${d.name} was a district council (abolished in ${d.abolished})`;
  const runs = d.abolished === null ? `${d.authority} County Council runs children's services there` : `${d.authority} runs children's services there now`;
  return `${was}, not a children's services authority: Ofsted inspects children's services authorities, and ${runs}. ` +
    `Ask about ${d.authority}, for example “When was ${d.authority} last inspected?”.`;
}
