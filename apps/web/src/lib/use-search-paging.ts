'use client';
import { useState } from 'react';
import { useDebouncedValue } from './use-debounced-value';

/**
 * A searchable list paged by cursors: the search box's text, its debounced value for the
 * query, and the cursors of the pages before the current one. A new search starts again at
 * page one.
 */
export function useSearchPaging() {
  const [search, setSearch] = useState('');
  const debouncedSearch = useDebouncedValue(search.trim(), 300);
  const [paging, setPaging] = useState<{ search: string; cursors: string[] }>({ search: '', cursors: [] });
  const cursors = paging.search === debouncedSearch ? paging.cursors : [];
  return {
    search,
    setSearch,
    debouncedSearch,
    /** The cursor of the current page (undefined on page one). */
    cursor: cursors.at(-1),
    page: cursors.length + 1,
    previous: () => setPaging({ search: debouncedSearch, cursors: cursors.slice(0, -1) }),
    next: (nextCursor: string) => setPaging({ search: debouncedSearch, cursors: [...cursors, nextCursor] }),
  };
}

export type SearchPaging = ReturnType<typeof useSearchPaging>;
