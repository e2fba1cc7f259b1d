/**
 * People named in a sentence, with the role the sentence gives them: "Councillor Maria Gatland, Cabinet Member for
 * Children and Young People", "Executive Mayor Jason Perry", "Lead inspector: Jane Doe HMI", "the inspectors,
 * Rebekah Tucker and Lisa Walsh", "Mark Douglas is now in post as strategic director".
 */
import { matchRules, type Rule } from './rules';

/** Roles people hold in the documents. */
export type RoleKey =
  | 'lead inspector' | 'inspector' | 'cabinet member' | 'leader' | 'mayor' | 'director' | 'chief executive' | 'chair'
  | 'minister' | 'regional director' | 'commissioner' | 'member of parliament';

export interface PersonSpan {
  name: string;
  role: RoleKey | null;
  /** The role as the sentence words it ("Cabinet Member for Children and Young People"). */
  roleText: string | null;
  start: number;
  end: number;
  /** Written with a title: "Councillor", "Cllr", "Dr", "Mr". */
  honorific: boolean;
  /** Said something: "Jane Doe said", "said Jane Doe", "A message from Jane Doe". */
  speaker: boolean;
}

/** Words of a portfolio or a directorate ("for Children, Schools and Young People"). */
const PORTFOLIO = "(?:[Cc]hildren['’]?s?|[Yy]oung|[Pp]eople['’]?s?|[Ff]amil(?:y|ies)|[Aa]dults?['’]?s?|[Ee]ducation|[Ss]chools?|[Ss]ervices?|[Ss]ocial|[Cc]are|[Ss]kills|[Ll]earning|[Ll]ifelong|[Cc]ulture|[Ee]arly|[Yy]ears|[Hh]elp|[Ss]afeguarding|[Hh]ealth|[Ww]ellbeing|[Ii]nclusion|[Ff]utures|[Pp]overty|[Cc]hild|[Cc]ommunit(?:y|ies)|[Ss]afety|[Cc]orporate|[Pp]arenting|[Rr]esources|[Hh]ousing|[Yy]outh|[Ss]pecial|[Ee]ducational|[Nn]eeds|[Dd]isabilit(?:y|ies)|SEND|[Pp]erformance|[Ii]mprovement|[Tt]ransformation|[Ii]ntegration|[Pp]ublic|[Pp]artnerships?|[Pp]revention|[Pp]rotection|[Oo]perations|[Qq]uality|[Pp]ractice|[Cc]ommissioning|[Ss]trategy|[Pp]olicy|[Ll]eisure|[Ss]port|[Ee]qualities|[Mm]igration|[Pp]rocurement|[Ss]ocial\\s+[Cc]are)";
const PORTFOLIO_RUN = `(?:the\\s+|and\\s+|&\\s+|of\\s+|for\\s+)?${PORTFOLIO}(?:,?\\s+(?:(?:and|&|of|the|for)\\s+)*${PORTFOLIO})*`;

/** How roles are written; the more specific first. */
export const ROLES: Rule<RoleKey>[] = [
  {
    name: 'lead inspector',
    examples: ['Lead inspector: Jane Doe', 'the lead HMI', 'led by His Majesty’s Inspector Tom Haverstock'],
    re: /\blead\s+(?:social\s+care\s+)?(?:inspector|HMI)\b|\bled\s+by\b/i,
    value: 'lead inspector',
  },
  {
    name: 'regional director',
    examples: ['Ofsted’s Regional Director for the South West', 'regional director'],
    re: /\b(?:[Rr]egional|[Nn]ational)\s+[Dd]irector(?:\s*,?\s*(?:for|of)?\s*(?:the\s+)?(?:[A-Z][\w ]{2,30}?|[Ss]ocial\s+[Cc]are)(?=[,.;:)]|\s+said|$))?/,
    value: 'regional director',
  },
  {
    name: 'inspector',
    examples: ['His Majesty’s Inspector', 'HMIs', 'the OFSTED inspectors', 'Inspector Jane Doe said', 'Ofsted inspector', 'HM inspectors'],
    re: /\b(?:(?:Her|His)\s+Majesty['’]?s\s+[Ii]nspectors?(?:\s*\(HMI\))?|HMIs?|HM\s+[Ii]nspectors?|(?:Ofsted|OFSTED)\s+[Ii]nspectors?|(?:social\s+care\s+regulatory\s+)?[Ii]nspectors?)\b/,
    value: 'inspector',
  },
  {
    name: 'cabinet member',
    examples: [
      'Cabinet Member for Children and Young People', 'cabinet member for children and young people',
      'the County Council’s Cabinet Lead Member for Children’s Services', 'Lead Member for Children', 'Portfolio Holder for Children’s Services',
      'Executive Councillor for Children’s Services', 'Cabinet Member (Children’s Services and Schools)', 'Executive Member for Children',
    ],
    re: new RegExp(`\\b(?:[Cc]abinet\\s+(?:[Ll]ead\\s+)?[Mm]ember|[Ll]ead\\s+[Mm]ember|[Pp]ortfolio\\s+[Hh]older|[Ee]xecutive\\s+(?:[Ss]upport\\s+)?(?:[Cc]ouncillor|[Mm]ember)|[Ss]hadow\\s+[Cc]abinet\\s+[Mm]ember)(?:\\s+(?:for|with\\s+responsibility\\s+for)\\s+${PORTFOLIO_RUN}|\\s*\\([^)]{3,60}\\))?`),
    value: 'cabinet member',
  },
  {
    name: 'leader',
    examples: ['Leader of the County Council', 'Council Leader', 'Leader of the Council', 'deputy leader', 'council leader'],
    re: /\b(?:[Dd]eputy\s+)?[Ll]eader\s+of\s+(?:the\s+)?(?:[A-Z][\w’']*\s+)?(?:[Cc]ounty\s+|[Cc]ity\s+|[Bb]orough\s+)?[Cc]ouncil\b|\b[Cc]ouncil\s+[Ll]eader\b|\b[Dd]eputy\s+[Ll]eader\b/,
    value: 'leader',
  },
  {
    name: 'mayor',
    examples: ['Executive Mayor', 'Mayor of Tower Hamlets', 'Mayor John Biggs'],
    re: /\b(?:[Ee]xecutive\s+|[Ee]lected\s+)?Mayor(?:\s+of\s+[A-Z][\w’' ]{2,30}?(?=[,.;:)]|\s+said|\s+and|$))?/,
    value: 'mayor',
  },
  {
    name: 'chief executive',
    examples: ['interim Chief Executive', 'Chief Executive of Sandwell Children’s Trust', 'chief executive'],
    re: /\b(?:[Ii]nterim\s+|[Dd]eputy\s+)?[Cc]hief\s+[Ee]xecutive(?:\s+[Oo]fficer)?(?:\s+of\s+(?:the\s+)?[A-Z][\w’' ]{2,40}?(?=[,.;:)]|\s+said|$))?/,
    value: 'chief executive',
  },
  {
    name: 'director',
    examples: [
      'Director of Children’s Services', 'DCS', 'Strategic Director of Children’s and Adults’ Services', 'Executive Director – Children’s Services',
      'Executive Director for Children, Families, Lifelong Learning and Culture', 'director of children and families',
      'Director, Children’s, Families and Adults’ Services', 'Deputy Chief Officer for Children’s Services', 'Assistant Director, Safeguarding',
      'Director of Children’s and Young People’s Futures',
    ],
    re: new RegExp(`\\b(?:(?:[Ii]nterim|[Pp]ermanent|[Ss]trategic|[Ee]xecutive|[Cc]orporate|[Aa]ssistant|[Dd]eputy|[Ss]ervice)\\s+)?(?:[Dd]irector|[Cc]hief\\s+[Oo]fficer)(?:\\s*(?:of|for|[–,-])\\s*${PORTFOLIO_RUN})?(?:\\s*\\(DCS\\))?|\\bDCS\\b`),
    value: 'director',
  },
  {
    name: 'chair',
    examples: ['Chair of Sandwell Children’s Trust', 'chaired by', 'the independent chair', 'Chairman'],
    re: /\b(?:[Ii]ndependent(?:ly)?\s+)?(?:[Cc]hair(?:man|woman|person)?(?:\s+of\s+(?:the\s+)?[A-Z][\w’' ]{2,40}?(?=[,.;:)]|\s+said|$))?|[Cc]haired\s+by)\b/,
    value: 'chair',
  },
  {
    name: 'minister',
    examples: ['the new Children’s Minister', 'Secretary of State for Education', 'Minister for Children'],
    re: /\b(?:[Cc]hildren['’]s\s+[Mm]inister|[Mm]inister\s+(?:for|of)\s+[A-Z][\w ]{2,30}?(?=[,.;:)]|\s+said|$)|[Mm]inister|Secretary\s+of\s+State(?:\s+for\s+Education)?)\b/,
    value: 'minister',
  },
  {
    name: 'commissioner',
    examples: ['Children’s Services Commissioner', 'the Commissioner', 'a government-appointed commissioner', 'the DfE commissioner'],
    re: /\b(?:Children['’]s\s+(?:Services\s+)?)?[Cc]ommissioner\b/,
    value: 'commissioner',
  },
];

const HONORIFIC = "(?:(?:The\\s+)?Rt\\.?\\s+Hon\\.?|Councillors?|Cllrs?\\.?|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|Miss|Sir|Dame|Professor|Prof\\.?|Baroness|Lord|Lady)";
const NAME_TOKEN = "(?:Ma?c[A-Z][a-z]+|O['’][A-Z][a-z]+|[A-Z][a-z]+(?:['’-][A-Z]?[a-z]+)?)";
const SUFFIX = '(?:\\s+(?:OBE|MBE|CBE|MP|HMI|QC|KC|JP))*';
/** A person's name: an honorific perhaps, an initial perhaps, two to four capitalised words, perhaps letters after. */
const NAME = new RegExp(
  `(?<![\\w'’])(?:${HONORIFIC}\\s+)?(?:[A-Z]\\.?\\s+)?${NAME_TOKEN}(?:\\s+(?:[A-Z]\\.\\s+)?(?:${NAME_TOKEN}|(?:van|von|de|der|da|le)\\b(?:\\s+der\\b)?)){1,3}${SUFFIX}|(?:${HONORIFIC}\\s+)[A-Z]\\.?\\s+${NAME_TOKEN}${SUFFIX}`,
  'g',
);

/** Words that are no part of a person's name. */
const NOT_NAME = new Set(('Ofsted OFSTED Her His Majesty Majesty’s Majesty\'s Inspector Inspectors The This That These Those Children Children’s Children\'s ' +
  'Council Councils County City Borough Local Authority Authorities Department Director Directors Cabinet Member Members Social Care Services Service ' +
  'Lead Senior Education Overview Scrutiny Panel Committee Chief Executive Assistant Deputy Head Team Report Visit Monitoring Regulatory Government ' +
  'Safeguarding Partnership Board Trust Commissioner Secretary State Minister Mayor Leader Chair Chairman Agenda Item Minutes Date Dates Focus Theme ' +
  'Outcome Judgement Judgment Inspection Improvement Front Door Hub House Lodge School Schools Academy Centre Centres Group Combined Manchester ' +
  'Together For For And With In On Of At By From Our Their Its We They He She It A An Integrated Multi Agency Safeguarding MASH Early Help Family Families ' +
  'Young People People’s Youth Virtual Fostering Adoption Adopters Strategic Interim Permanent Framework Single Inspecting Joint Targeted Area ' +
  'January February March April May June July August September October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday ' +
  'Press Release News Update Policy Plan Programme Project Fortnight Parenting Corporate Commissioning England English UK Royal Building ' +
  'Office Standards Skills Act Standing Order Appendix Page Para Paragraph Section Council’s Council\'s Government’s DfE DCLG Mosaic ' +
  'Welcome Welcoming Achieving Congratulations Councillor Councillors Cllr Cllrs Skip Content Main Home Reports Publications Meetings Meeting ' +
  'Executive’s Mayor’s Leader’s Ofsted’s Ofsted\'s Inspectors’ North South East West Central Greater Combined Regional Director’s Assistant Vice Chairman’s ' +
  'Annual Review Trust’s Outstanding Good Inadequate Requires Rating Rated Thank You Well Dear Colleagues Sincerely Yours Regards Recognises Highlights ' +
  'As However Prior During Since Following After Before When While Both Also Welcoming Acknowledging Despite Within Whilst Although Because ' +
  'Important Note Decision Maker Status Recommendations Approved Image Letter Representative Governor Parent Church Officer Democratic Contact ' +
  'Venue Room Square Street Road Award Provision Commands Ribbon Now Hamlets Country District Metropolitan Dear').split(/\s+/));

/** Verbs after which a run of capitalised words is a subject, not a name ("Inspectors Found"). */
const TRAILING_VERB = /^(?:Said|Says|Added|Found|Noted|Stated|Welcomed)$/;

function cleanName(raw: string): { name: string; offset: number } | null {
  let words = raw.split(/\s+/);
  let offset = 0;
  // Honorifics stay out of the name ("Councillor Maria Gatland" is Maria Gatland); letters after it too.
  while (words.length && (new RegExp(`^${HONORIFIC}$`).test(words[0]!) || /^(?:The|Rt\.?|Hon\.?)$/.test(words[0]!))) {
    offset += words[0]!.length + 1;
    words = words.slice(1);
  }
  while (words.length && /^(?:OBE|MBE|CBE|MP|HMI|QC|KC|JP)$/.test(words[words.length - 1]!)) words = words.slice(0, -1);
  while (words.length && (NOT_NAME.has(words[0]!) || /['’]s$/.test(words[0]!))) {
    offset += words[0]!.length + 1;
    words = words.slice(1);
  }
  // The name ends where a word that is no part of one begins ("Andy Waugh Her Majesty's Inspector").
  const stop = words.findIndex((w) => NOT_NAME.has(w) || /['’]s$/.test(w) || TRAILING_VERB.test(w));
  if (stop >= 0) words = words.slice(0, stop);
  while (words.length && /^(?:OBE|MBE|CBE|MP|HMI|QC|KC|JP)$/.test(words[words.length - 1]!)) words = words.slice(0, -1);
  if (words.length < 2) return null;
  // "A Leadbetter": an initial and a surname is a name only after an honorific.
  if (/^[A-Z]\.?$/.test(words[0]!) && offset === 0) return null;
  return { name: words.join(' '), offset };
}

/** The role named right before or right after a name, if any. */
function roleNear(text: string, start: number, end: number, roles: { role: RoleKey; text: string; start: number; end: number }[], names: { start: number; end: number }[]): { role: RoleKey; text: string } | null {
  let best: { role: RoleKey; text: string; gap: number } | null = null;
  for (const r of roles) {
    if (r.end <= start) {
      const gap = text.slice(r.end, start);
      // "Executive Mayor Jason Perry", "Cabinet Member for …, Councillor Maria Gatland", "the inspectors, A and B".
      if (/^\s*(?:\([A-Z]{2,6}\))?\s*(?:[,:(–-]\s*|\s)?(?:(?:Councillor|Cllr\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|(?:The\s+)?Rt\.?\s+Hon\.?)\s+)?$/.test(gap) || /^\s*(?:[,:]\s*)?(?:is|was|were|are)\s+$/i.test(gap)) {
        if (!best || gap.length < best.gap) best = { role: r.role, text: r.text, gap: gap.length };
      }
    } else if (r.start >= end) {
      const gap = text.slice(end, r.start);
      if (names.some((n) => n.start >= end && n.start < r.start)) continue;
      // "Michael Jameson, Strategic Director…", "Jacqui Smith, Chair of…", "Mark Douglas is now in post as strategic director".
      if (/^\s*(?:[,(–-]\s*)?(?:the\s+|our\s+|its\s+|their\s+|a\s+|an\s+)?(?:(?:[A-Z][\w’'-]*\s+){0,3}[A-Z][\w’'-]*(?:['’]s)?\s+)?(?:(?:new|former|current|interim|permanent|acting|independent|deputy)\s+)?$/.test(gap) ||
          /^\s*,?\s*(?:who\s+)?(?:is|was|has\s+been|had\s+been|became|becomes)\s+(?:now\s+)?(?:in\s+post\s+as\s+|appointed\s+(?:as\s+)?)?(?:the\s+|our\s+|its\s+|a\s+|an\s+)?(?:(?:new|permanent|interim|acting)\s+)?$/i.test(gap)) {
        if (!best || gap.length < best.gap) best = { role: r.role, text: r.text, gap: gap.length };
      }
    }
  }
  return best ? { role: best.role, text: best.text } : null;
}

/** People named in a sentence, each with the role the sentence gives them (or none), in order. */
export function readPeople(text: string): PersonSpan[] {
  const roles = matchRules(ROLES, text).map((m) => ({ role: m.rule.value, text: text.slice(m.start, m.end).replace(/[\s,]+(?:and|&|of|the|for)?[\s,]*$/i, '').trim(), start: m.start, end: m.end }));
  const found: PersonSpan[] = [];
  NAME.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = NAME.exec(text)) !== null) {
    const cleaned = cleanName(m[0]);
    if (!cleaned) {
      // "Her Majesty's Inspector Dominic Stevens": the words stripped from the front were no name; look again after them.
      const skip = /^(?:(?:Her|His|The|Ofsted|OFSTED)\s+)?(?:Majesty['’]?s\s+)?(?:Inspectors?|Councillors?|Cllr\.?|Mayor|Leader|Director|Chair|Minister)\s+/.exec(m[0]);
      if (skip) NAME.lastIndex = m.index + skip[0].length;
      continue;
    }
    const start = m.index + cleaned.offset;
    const end = start + cleaned.name.length;
    // A name inside a role's words is the role's ("Cabinet Member for Children and Young People").
    if (roles.some((r) => r.start <= start && end <= r.end)) continue;
    // A name that runs into a role's words ends before them.
    const speaker = /^\s*(?:,\s*)?(?:said|says|added|commented|explained|told)\b/i.test(text.slice(end, end + 14)) ||
      /\b(?:said|says|added|from|by|wrote)\s+$/i.test(text.slice(Math.max(0, start - 12), start));
    found.push({ name: cleaned.name, role: null, roleText: null, start, end, honorific: cleaned.offset > 0 && new RegExp(`^${HONORIFIC}`).test(m[0]), speaker });
  }
  const spans = found.map((f) => ({ start: f.start, end: f.end }));
  for (const f of found) {
    const near = roleNear(text, f.start, f.end, roles, spans);
    const suffix = /^\s*HMIs?\b|^\s*\((?:HMI|lead inspector)\)/.exec(text.slice(f.end, f.end + 16));
    if (near) {
      f.role = near.role;
      f.roleText = near.text;
      // "Andy Waugh, Her Majesty's Inspector, led the inspection": the inspector who led it.
      if (near.role === 'inspector' && /^[^.;]{0,60}?\b(?:led|leads|leading)\s+(?:the|this)\s+(?:inspection|visit|team)\b/i.test(text.slice(f.end, f.end + 120))) f.role = 'lead inspector';
    } else if (suffix) {
      f.role = /lead/i.test(suffix[0]) ? 'lead inspector' : 'inspector';
      f.roleText = suffix[0].trim();
    } else if (/\bMP\b/.test(text.slice(f.end, f.end + 4))) {
      f.role = 'member of parliament';
      f.roleText = 'MP';
    }
  }
  // "the inspectors, Rebekah Tucker and Lisa Walsh": the second of a pair shares the first one's role.
  for (let i = 1; i < found.length; i++) {
    const a = found[i - 1]!, b = found[i]!;
    if (!b.role && a.role && /^\s*(?:,|and|&)\s*$/.test(text.slice(a.end, b.start).replace(/\b(?:HMIs?|OBE|MBE|MP)\b/g, ''))) {
      b.role = a.role;
      b.roleText = a.roleText;
    }
    if (!a.role && b.role && /^\s*(?:and|&)\s*$/.test(text.slice(a.end, b.start)) && /^(?:inspector|lead inspector)$/.test(b.role) && /^\s*HMIs\b/.test(text.slice(b.end, b.end + 6))) {
      a.role = 'inspector';
      a.roleText = b.roleText;
    }
  }
  return found;
}
