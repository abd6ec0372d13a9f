import { Subject, of } from 'rxjs';
import { type PageOf, PagedList, allPages } from './paged';

const pageOf = <T>(all: T[], page: number, pageSize: number): PageOf<T> => ({
  items: all.slice((page - 1) * pageSize, page * pageSize),
  total: all.length,
  page,
  pageSize,
});

describe('allPages', () => {
  it('reads page after page of 100 until the total, in order, never cut', () => {
    const rows = Array.from({ length: 250 }, (_, i) => i);
    const asked: [number, number][] = [];
    let out: number[] = [];
    allPages((page, size) => {
      asked.push([page, size]);
      return of(pageOf(rows, page, size));
    }).subscribe((all) => (out = all));
    expect(asked).toEqual([
      [1, 100],
      [2, 100],
      [3, 100],
    ]);
    expect(out).toEqual(rows);
  });

  it('asks once for a short list, and stops on an empty page even if the total says more', () => {
    let calls = 0;
    let out: string[] = [];
    allPages((page, size) => {
      calls++;
      return of({ items: page === 1 ? ['a'] : [], total: page === 1 ? 1 : 5, page, pageSize: size });
    }).subscribe((all) => (out = all));
    expect(calls).toBe(1);
    expect(out).toEqual(['a']);
  });
});

describe('PagedList', () => {
  it('asks for the page and size it shows; a new size goes back to page 1; reset goes back to page 1', () => {
    const asked: [number, number][] = [];
    const list = new PagedList<number>((page, size) => {
      asked.push([page, size]);
      return of(pageOf([1, 2, 3, 4, 5], page, size));
    });
    list.load();
    list.setPage(2);
    expect(list.items()).toEqual([]);
    list.setPageSize(2);
    expect(list.items()).toEqual([1, 2]);
    list.setPage(3);
    expect(list.items()).toEqual([5]);
    expect(list.total()).toBe(5);
    list.reset();
    expect(asked).toEqual([
      [1, 20],
      [2, 20],
      [1, 2],
      [3, 2],
      [1, 2],
    ]);
  });

  it('a slow answer for an earlier page never overwrites the page asked last', () => {
    const answers: Subject<PageOf<string>>[] = [];
    const list = new PagedList<string>(() => {
      const s = new Subject<PageOf<string>>();
      answers.push(s);
      return s;
    });
    list.load();
    list.setPage(2);
    answers[1]!.next({ items: ['page 2'], total: 40, page: 2, pageSize: 20 });
    answers[0]!.next({ items: ['page 1'], total: 40, page: 1, pageSize: 20 });
    expect(list.items()).toEqual(['page 2']);
    expect(list.state().loading).toBe(false);
  });
});
