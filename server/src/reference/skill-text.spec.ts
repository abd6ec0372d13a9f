import { parseSkillText } from './skill-text';

describe('parseSkillText', () => {
  const index = new Map([
    ['中式烹调师', '4-03-02-01'],
    ['4-03-02-01', '4-03-02-01'],
    ['电工', '6-31-01-03'],
    ['6-31-01-03', '6-31-01-03'],
  ]);

  it('reads a name with a level in any of the usual spellings', () => {
    expect(parseSkillText('中式烹调师/五级', index)).toEqual({ occupationCode: '4-03-02-01', level: 5 });
    expect(parseSkillText('中式烹调师（初级工）', index)).toEqual({ occupationCode: '4-03-02-01', level: 5 });
    expect(parseSkillText('电工 高级技师', index)).toEqual({ occupationCode: '6-31-01-03', level: 1 });
    expect(parseSkillText('电工技师', index)).toEqual({ occupationCode: '6-31-01-03', level: 2 });
    expect(parseSkillText('电工', index)).toEqual({ occupationCode: '6-31-01-03', level: null });
  });

  it('reads a code with an optional level', () => {
    expect(parseSkillText('4-03-02-01:4', index)).toEqual({ occupationCode: '4-03-02-01', level: 4 });
    expect(parseSkillText('4-03-02-01', index)).toEqual({ occupationCode: '4-03-02-01', level: null });
  });

  it('refuses free text, however innocent it looks', () => {
    expect(parseSkillText('在所内帮厨两年', index)).toBeNull();
    expect(parseSkillText('美沙酮维持治疗中', index)).toBeNull();
    expect(parseSkillText('9-99-99-99', index)).toBeNull();
  });
});
