import 'reflect-metadata';
import { IsInt, IsOptional, IsString, Max, MaxLength, MetadataStorage, getMetadataStorage, validate } from 'class-validator';
import { keepValidationRulesPerClass } from './validation';

class Base {
  @IsString()
  @MaxLength(5)
  name!: string;
}
class Child extends Base {
  @IsOptional()
  @IsInt()
  @Max(10)
  n?: number;
}

describe('keepValidationRulesPerClass', () => {
  it('answers exactly what class-validator answers, inherited rules included, and keeps it per class', () => {
    const storage = new MetadataStorage();
    const global = getMetadataStorage();
    // A private storage with the same rules, so the global one is left as the other tests find it.
    for (const target of [Base, Child])
      for (const m of global.getTargetValidationMetadatas(target, '', false, false))
        if (m.target === target) storage.addValidationMetadata(m);
    const expected = storage.getTargetValidationMetadatas(Child, '', false, false);
    keepValidationRulesPerClass(storage);
    const first = storage.getTargetValidationMetadatas(Child, '', false, false);
    const second = storage.getTargetValidationMetadatas(Child, '', false, false);
    expect(first).toEqual(expected);
    expect(first.map((m) => m.propertyName).sort()).toEqual(['n', 'n', 'n', 'name', 'name']);
    expect(second).toBe(first);
    expect(storage.groupByPropertyName(first)).toBe(storage.groupByPropertyName(second));
    // Other flags are other answers; groups are never kept.
    expect(storage.getTargetValidationMetadatas(Child, '', true, false)).not.toBe(first);
    expect(storage.getTargetValidationMetadatas(Child, '', false, false, ['g'])).not.toBe(
      storage.getTargetValidationMetadatas(Child, '', false, false, ['g']),
    );
  });

  it('validation still finds every problem, the inherited ones too, call after call', async () => {
    keepValidationRulesPerClass();
    for (let i = 0; i < 3; i++) {
      const bad = Object.assign(new Child(), { name: 'far too long', n: 11 });
      expect((await validate(bad)).map((e) => `${e.property}:${Object.keys(e.constraints ?? {}).join(',')}`).sort()).toEqual([
        'n:max',
        'name:maxLength',
      ]);
      expect(await validate(Object.assign(new Child(), { name: 'ok' }))).toEqual([]);
    }
  });
});
