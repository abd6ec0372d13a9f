/**
 * Reads a skill typed in a spreadsheet cell — "中式烹调师/五级", "中式烹调师（初级工）", "4-03-02-01:5",
 * "电工" — into an occupation code and a level. Only what names an occupation of the 2022
 * classification becomes a skill; anything else is refused with the text, so free text never slips
 * into the skills employers read.
 */
const LEVEL_WORDS: [RegExp, number][] = [
  [/一级|高级技师/, 1],
  [/二级|技师/, 2],
  [/三级|高级工|高级/, 3],
  [/四级|中级工|中级/, 4],
  [/五级|初级工|初级/, 5],
];

export interface ParsedSkill {
  occupationCode: string;
  level: number | null;
}

/** `index`: occupation names and codes → code. */
export function parseSkillText(text: string, index: ReadonlyMap<string, string>): ParsedSkill | null {
  const t = text.trim();
  const coded = /^(\d-\d{2}-\d{2}-\d{2})(?:\s*[:：/]\s*([1-5]))?$/.exec(t);
  if (coded) return index.has(coded[1]!) ? { occupationCode: coded[1]!, level: coded[2] ? Number(coded[2]) : null } : null;
  let level: number | null = null;
  let rest = t;
  for (const [pattern, n] of LEVEL_WORDS) {
    if (pattern.test(rest)) {
      level = n;
      rest = rest.replace(pattern, '');
      break;
    }
  }
  const name = rest.replace(/[\s/（）()·:：\-—]+/g, '');
  const code = index.get(name);
  return code ? { occupationCode: code, level } : null;
}
