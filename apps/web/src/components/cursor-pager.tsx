import type { SearchPaging } from '@/lib/use-search-paging';

interface CursorPagerProps {
  paging: SearchPaging;
  /** What is paged, for the navigation's label: "Pages of <what>". */
  what: string;
  query: { data?: { nextCursor: string | null }; isFetching: boolean; isPlaceholderData: boolean };
}

/** Previous / Next for a cursor-paged list; shown only when there is more than one page. */
export function CursorPager({ paging, what, query }: CursorPagerProps) {
  const nextCursor = query.data?.nextCursor;
  if (paging.page === 1 && !nextCursor) return null;
  return (
    <nav className="pager" aria-label={`Pages of ${what}`}>
      <button type="button" className="button small" disabled={paging.page === 1 || query.isFetching} onClick={paging.previous}>
        Previous page
      </button>
      <span className="muted">Page {paging.page}</span>
      <button
        type="button"
        className="button small"
        disabled={!nextCursor || query.isPlaceholderData || query.isFetching}
        onClick={() => nextCursor && paging.next(nextCursor)}
      >
        Next page
      </button>
    </nav>
  );
}
