/**
 * Groups of English children's services authorities that questions name: the London boroughs (with the City of
 * London), the metropolitan boroughs (by their former metropolitan county), the shire counties, and the unitary
 * authorities (every other one, the Isles of Scilly among them).
 */

/** A group a question can name, and the authorities in it (all of them, for `unitary`, less the other groups'). */
export interface AuthorityGroup {
  /** How answers name the group: "London boroughs". */
  label: string;
  /** Authorities by directory name; null for the unitary authorities, which are those in no other group. */
  members: string[] | null;
}

const LONDON = [
  'Barking and Dagenham', 'Barnet', 'Bexley', 'Brent', 'Bromley', 'Camden', 'City of London', 'Croydon', 'Ealing', 'Enfield',
  'Greenwich', 'Hackney', 'Hammersmith and Fulham', 'Haringey', 'Harrow', 'Havering', 'Hillingdon', 'Hounslow', 'Islington',
  'Kensington and Chelsea', 'Kingston upon Thames', 'Lambeth', 'Lewisham', 'Merton', 'Newham', 'Redbridge',
  'Richmond upon Thames', 'Southwark', 'Sutton', 'Tower Hamlets', 'Waltham Forest', 'Wandsworth', 'Westminster',
];

const METROPOLITAN: Record<string, string[]> = {
  'Greater Manchester': ['Bolton', 'Bury', 'Manchester', 'Oldham', 'Rochdale', 'Salford', 'Stockport', 'Tameside', 'Trafford', 'Wigan'],
  Merseyside: ['Knowsley', 'Liverpool', 'St Helens', 'Sefton', 'Wirral'],
  'South Yorkshire': ['Barnsley', 'Doncaster', 'Rotherham', 'Sheffield'],
  'Tyne and Wear': ['Gateshead', 'Newcastle upon Tyne', 'North Tyneside', 'South Tyneside', 'Sunderland'],
  'West Midlands': ['Birmingham', 'Coventry', 'Dudley', 'Sandwell', 'Solihull', 'Walsall', 'Wolverhampton'],
  'West Yorkshire': ['Bradford', 'Calderdale', 'Kirklees', 'Leeds', 'Wakefield'],
};

const COUNTIES = [
  'Cambridgeshire', 'Derbyshire', 'Devon', 'East Sussex', 'Essex', 'Gloucestershire', 'Hampshire', 'Hertfordshire', 'Kent',
  'Lancashire', 'Leicestershire', 'Lincolnshire', 'Norfolk', 'Nottinghamshire', 'Oxfordshire', 'Staffordshire', 'Suffolk',
  'Surrey', 'Warwickshire', 'West Sussex', 'Worcestershire',
];

/** The phrases that name each group, tried in order. */
const GROUPS: [RegExp, AuthorityGroup][] = [
  [/\blondon\s+(?:boroughs|councils|authorities|las)\b|\b(?:boroughs|councils|authorities|las)\s+in\s+(?:greater\s+)?london\b|\bin\s+london\b/i, { label: 'London boroughs', members: LONDON }],
  ...Object.entries(METROPOLITAN).map(([county, members]): [RegExp, AuthorityGroup] => [
    new RegExp(`\\b(?:in|of|across)\\s+(?:the\\s+)?${county.replace(/ /g, '\\s+')}\\b|\\b${county.replace(/ /g, '\\s+')}\\s+(?:councils|authorities|boroughs|las)\\b`, 'i'),
    { label: `${county} authorities`, members },
  ]),
  [/\bmetropolitan\s+(?:boroughs|councils|districts|authorities)\b|\bmets\b/i, { label: 'metropolitan boroughs', members: Object.values(METROPOLITAN).flat() }],
  [/\b(?:shire\s+)?count(?:y|ies)\s+(?:councils|authorities)\b|\bshire\s+counties\b|\b(?:which|what|how\s+many|list(?:\s+the)?|all(?:\s+the)?)\s+(?:shire\s+)?counties\b/i, { label: 'county councils', members: COUNTIES }],
  [/\bunitary\s+(?:authorities|councils)\b|\bunitaries\b/i, { label: 'unitary authorities', members: null }],
];

/** The group of authorities a question names ("Which London boroughs are outstanding?"), or null. */
export function groupNamed(text: string): AuthorityGroup | null {
  return GROUPS.find(([re]) => re.test(text))?.[1] ?? null;
}

/** True when an authority is in a group. */
export function inGroup(group: AuthorityGroup, authority: string): boolean {
  if (group.members) return group.members.includes(authority);
  return ![LONDON, Object.values(METROPOLITAN).flat(), COUNTIES].some((list) => list.includes(authority));
}
