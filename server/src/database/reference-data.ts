import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { DIVISION_BORDERS, HAINAN_DIVISIONS, SKILL_LEVELS } from '../reference/data/divisions';

interface OccupationFile {
  middle_categories: Record<string, string>;
  minor_categories: Record<string, string>;
  occupations: { code: string; major: string; middle: string; minor: string; name: string }[];
}

/**
 * Upserts the reference tables (divisions, skill levels, the 1,639 occupations of the 2022
 * classification) in three statements. Idempotent: safe at every boot and from several processes.
 */
export async function loadReferenceData(dataSource: DataSource, appRoot: string): Promise<void> {
  const file = JSON.parse(readFileSync(join(appRoot, 'server', 'data', 'occupations-2022.json'), 'utf8')) as OccupationFile;
  await dataSource.transaction(async (m) => {
    await m.query(
      `INSERT INTO division (code, name, name_en, sort_order)
       SELECT * FROM unnest($1::char(6)[], $2::varchar[], $3::varchar[], $4::smallint[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, name_en = EXCLUDED.name_en, sort_order = EXCLUDED.sort_order`,
      [
        HAINAN_DIVISIONS.map((d) => d.code),
        HAINAN_DIVISIONS.map((d) => d.name),
        HAINAN_DIVISIONS.map((d) => d.nameEn),
        HAINAN_DIVISIONS.map((_, i) => i + 1),
      ],
    );
    const pairs = DIVISION_BORDERS.flatMap(([a, b]) => [
      [a, b],
      [b, a],
    ]);
    await m.query(
      `INSERT INTO division_neighbour (division_code, neighbour_code)
       SELECT * FROM unnest($1::char(6)[], $2::char(6)[]) ON CONFLICT DO NOTHING`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
    );
    await m.query(
      `INSERT INTO skill_level (level, name, title, name_en)
       SELECT * FROM unnest($1::smallint[], $2::varchar[], $3::varchar[], $4::varchar[])
       ON CONFLICT (level) DO UPDATE SET name = EXCLUDED.name, title = EXCLUDED.title, name_en = EXCLUDED.name_en`,
      [
        SKILL_LEVELS.map((l) => l.level),
        SKILL_LEVELS.map((l) => l.name),
        SKILL_LEVELS.map((l) => l.title),
        SKILL_LEVELS.map((l) => l.nameEn),
      ],
    );
    const occ = file.occupations;
    await m.query(
      `INSERT INTO occupation (code, name, major_code, middle_code, middle_name, minor_code, minor_name)
       SELECT * FROM unnest($1::varchar[], $2::varchar[], $3::varchar[], $4::varchar[], $5::varchar[], $6::varchar[], $7::varchar[])
       ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, major_code = EXCLUDED.major_code, middle_code = EXCLUDED.middle_code,
         middle_name = EXCLUDED.middle_name, minor_code = EXCLUDED.minor_code, minor_name = EXCLUDED.minor_name`,
      [
        occ.map((o) => o.code),
        occ.map((o) => o.name),
        occ.map((o) => o.major),
        occ.map((o) => o.middle),
        occ.map((o) => file.middle_categories[o.middle] ?? ''),
        occ.map((o) => o.minor),
        occ.map((o) => file.minor_categories[o.minor] ?? ''),
      ],
    );
  });
}
