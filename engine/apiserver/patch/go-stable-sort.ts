// Go's sort.SliceStable, step for step: insertion sort over blocks of 20, then SymMerge (Kim & Kutzner) of ever larger
// blocks. Strategic merge patch orders list items with a "less" that is not a strict weak order when an item is
// missing from the reference order; sorting the way Go does keeps even those results identical to kube-apiserver's.

const BLOCK_SIZE = 20;

/** A sorted copy of `items`; `less(a, b)` reports whether a must come before b. */
export function sortStableAsGo<T>(items: readonly T[], less: (a: T, b: T) => boolean): T[] {
  const data = [...items];
  const n = data.length;
  const lessAt = (i: number, j: number): boolean => less(data[i] as T, data[j] as T);
  const swap = (i: number, j: number): void => {
    const t = data[i] as T;
    data[i] = data[j] as T;
    data[j] = t;
  };

  const insertionSort = (a: number, b: number): void => {
    for (let i = a + 1; i < b; i++) {
      for (let j = i; j > a && lessAt(j, j - 1); j--) swap(j, j - 1);
    }
  };

  const swapRange = (a: number, b: number, count: number): void => {
    for (let i = 0; i < count; i++) swap(a + i, b + i);
  };

  /** Exchanges the blocks data[a:m] and data[m:b]. */
  const rotate = (a: number, m: number, b: number): void => {
    let i = m - a;
    let j = b - m;
    while (i !== j) {
      if (i > j) {
        swapRange(m - i, m, j);
        i -= j;
      } else {
        swapRange(m - i, m + j - i, i);
        j -= i;
      }
    }
    swapRange(m - i, m, i);
  };

  /** Merges the sorted runs data[a:m] and data[m:b]. */
  const symMerge = (a: number, m: number, b: number): void => {
    if (m - a === 1) {
      let i = m;
      let j = b;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (lessAt(h, a)) i = h + 1;
        else j = h;
      }
      for (let k = a; k < i - 1; k++) swap(k, k + 1);
      return;
    }
    if (b - m === 1) {
      let i = a;
      let j = m;
      while (i < j) {
        const h = (i + j) >>> 1;
        if (!lessAt(m, h)) i = h + 1;
        else j = h;
      }
      for (let k = m; k > i; k--) swap(k, k - 1);
      return;
    }
    const mid = (a + b) >>> 1;
    const n2 = mid + m;
    let start: number;
    let r: number;
    if (m > mid) {
      start = n2 - b;
      r = mid;
    } else {
      start = a;
      r = m;
    }
    const p = n2 - 1;
    while (start < r) {
      const c = (start + r) >>> 1;
      if (!lessAt(p - c, c)) start = c + 1;
      else r = c;
    }
    const end = n2 - start;
    if (start < m && m < end) rotate(start, m, end);
    if (a < start && start < mid) symMerge(a, start, mid);
    if (mid < end && end < b) symMerge(mid, end, b);
  };

  let a = 0;
  let b = BLOCK_SIZE;
  while (b <= n) {
    insertionSort(a, b);
    a = b;
    b += BLOCK_SIZE;
  }
  insertionSort(a, n);
  for (let blockSize = BLOCK_SIZE; blockSize < n; blockSize *= 2) {
    a = 0;
    b = 2 * blockSize;
    while (b <= n) {
      symMerge(a, a + blockSize, b);
      a = b;
      b += 2 * blockSize;
    }
    const m = a + blockSize;
    if (m < n) symMerge(a, m, n);
  }
  return data;
}
