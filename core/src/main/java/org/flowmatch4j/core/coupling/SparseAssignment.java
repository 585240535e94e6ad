package org.flowmatch4j.core.coupling;

import java.util.Arrays;

/**
 * Exact square assignment by shortest augmenting paths on a sparse candidate graph, certified on the full cost
 * matrix. Candidates come from the caller (for point clouds: near neighbours after moving the sources onto the
 * targets' mean and spread, {@link #cloudCandidates}) or are each row's and column's k cheapest entries. A row whose
 * search finds no free column gets all its entries. Jonker–Volgenant's column prices v are kept;
 * each free row runs Dijkstra (binary heap) over reduced costs c_ij - v_j - u_i on candidate edges, augments, and
 * lowers the prices of the columns it finalised. When every row is matched, the duals u_i = c_{i,x(i)} - v_{x(i)}
 * are checked against every entry of the full matrix: if c_ij - u_i - v_j ≥ -ε everywhere, the assignment is optimal
 * for the dense problem (LP duality); otherwise the violating entries join the graph and the solve repeats. A graph
 * without a perfect matching also grows (k doubles). For minibatch OT between point clouds the optimum almost always
 * uses near neighbours of the transported sources, so one sparse solve plus one O(n²) check replaces the dense
 * O(n³) search.
 */
final class SparseAssignment {
    private final double[] c;
    private final int n;

    private SparseAssignment(double[] c, int n) {
        this.c = c;
        this.n = n;
    }

    /** The optimal assignment (row → column) of the n×n row-major cost matrix c, from each row's and column's k cheapest entries. */
    static int[] solve(double[] c, int n, int k) {
        return solve(c, n, new SparseAssignment(c, n).cheapest(c, Math.min(k, n)));
    }

    /**
     * The optimal assignment of the n×n row-major cost matrix c starting from candidate columns per row (any
     * lists; the certificate makes the result exact). Returns null only if the repair rounds run out.
     */
    static int[] solve(double[] c, int n, int[][] candidates) {
        SparseAssignment s = new SparseAssignment(c, n);
        s.setGraph(candidates);
        s.initialise();
        s.augmentFreeRows();
        for (int round = 0; round < 20; round++) {
            java.util.List<int[]> violations = s.violations(s.x, s.v);
            if (violations.isEmpty()) return s.x;
            s.addEdges(violations);
            for (int[] e : violations) {                    // their rows' duals no longer hold: re-route them
                int i = e[0];
                if (s.x[i] >= 0) {
                    s.y[s.x[i]] = -1;
                    s.x[i] = -1;
                }
            }
            s.augmentFreeRows();
        }
        return null;
    }

    private int[] x, y;
    private double[] v;
    private int[][] adj;
    private double[][] adjCost;

    /** Each row's and each column's k cheapest entries of a matrix m (n×n, row-major), as columns per row. */
    int[][] cheapest(double[] m, int k) {
        int[][] lists = new int[n][];
        int[] deg = new int[n];
        int[] top = new int[k];
        for (int i = 0; i < n; i++) lists[i] = new int[2 * k + 4];
        for (int i = 0; i < n; i++) {
            int cnt = smallest(m, i * n, 1, k, top);
            for (int q = 0; q < cnt; q++) deg[i] = add(lists, deg, i, top[q]);
        }
        for (int j = 0; j < n; j++) {
            int cnt = smallest(m, j, n, k, top);
            for (int q = 0; q < cnt; q++) deg[top[q]] = add(lists, deg, top[q], j);
        }
        for (int i = 0; i < n; i++) lists[i] = Arrays.copyOf(lists[i], deg[i]);
        return lists;
    }

    /**
     * Candidates for squared-Euclidean costs between point clouds x (rows) and y (columns), [n][d]: the sources are
     * moved by the coordinate-wise map matching means and standard deviations (the optimal map between
     * axis-aligned Gaussians), then each row's and each column's k nearest partners are taken.
     */
    static int[][] cloudCandidates(double[][] x, double[][] y, int k) {
        int n = x.length, d = x[0].length;
        double[] mx = new double[d], my = new double[d], sx = new double[d], sy = new double[d];
        for (int i = 0; i < n; i++) for (int a = 0; a < d; a++) { mx[a] += x[i][a] / n; my[a] += y[i][a] / n; }
        for (int i = 0; i < n; i++) for (int a = 0; a < d; a++) {
            sx[a] += (x[i][a] - mx[a]) * (x[i][a] - mx[a]) / n;
            sy[a] += (y[i][a] - my[a]) * (y[i][a] - my[a]) / n;
        }
        double[] scale = new double[d];
        for (int a = 0; a < d; a++) scale[a] = sx[a] > 0 ? Math.sqrt(sy[a] / sx[a]) : 1;
        double[] dist = new double[n * n];
        double[] tx = new double[d];
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < d; a++) tx[a] = my[a] + scale[a] * (x[i][a] - mx[a]);
            for (int j = 0; j < n; j++) {
                double s2 = 0;
                for (int a = 0; a < d; a++) { double v = tx[a] - y[j][a]; s2 += v * v; }
                dist[i * n + j] = s2;
            }
        }
        return new SparseAssignment(dist, n).cheapest(dist, Math.min(k, n));
    }

    private void setGraph(int[][] candidates) {
        adj = new int[n][];
        adjCost = new double[n][];
        boolean[] mark = new boolean[n];
        for (int i = 0; i < n; i++) {
            int[] a = candidates[i];
            int w = 0;
            int[] row = new int[a.length];
            for (int j : a) if (!mark[j]) { mark[j] = true; row[w++] = j; }
            for (int q = 0; q < w; q++) mark[row[q]] = false;
            setRow(i, Arrays.copyOf(row, w));
        }
    }

    private void setRow(int i, int[] row) {
        adj[i] = row;
        adjCost[i] = new double[row.length];
        for (int e = 0; e < row.length; e++) adjCost[i][e] = c[i * n + row[e]];
    }

    private void denseRow(int i) {
        int[] all = new int[n];
        for (int j = 0; j < n; j++) all[j] = j;
        setRow(i, all);
    }

    private void addEdges(java.util.List<int[]> edges) {
        java.util.Map<Integer, java.util.List<Integer>> byRow = new java.util.HashMap<>();
        for (int[] e : edges) byRow.computeIfAbsent(e[0], q -> new java.util.ArrayList<>()).add(e[1]);
        for (var en : byRow.entrySet()) {
            int i = en.getKey();
            int[] row = Arrays.copyOf(adj[i], adj[i].length + en.getValue().size());
            int w = adj[i].length;
            for (int j : en.getValue()) row[w++] = j;
            setRow(i, row);
        }
    }

    private static int add(int[][] adj, int[] deg, int i, int j) {
        if (deg[i] == adj[i].length) adj[i] = Arrays.copyOf(adj[i], 2 * adj[i].length);
        adj[i][deg[i]] = j;
        return deg[i] + 1;
    }

    /** Indices (offset + q·stride) of the k smallest of n entries of c, into out; returns how many. */
    private int smallest(double[] c, int offset, int stride, int k, int[] out) {
        int m = 0;                                          // max-heap of size k on value
        for (int q = 0; q < n; q++) {
            double val = c[offset + q * stride];
            if (m < k) {
                out[m] = q;
                siftUp(c, out, m++, offset, stride);
            } else if (val < c[offset + out[0] * stride]) {
                out[0] = q;
                siftDown(c, out, m, offset, stride);
            }
        }
        return m;
    }

    private static void siftUp(double[] c, int[] h, int pos, int offset, int stride) {
        while (pos > 0) {
            int parent = (pos - 1) / 2;
            if (c[offset + h[parent] * stride] >= c[offset + h[pos] * stride]) break;
            int t = h[parent]; h[parent] = h[pos]; h[pos] = t;
            pos = parent;
        }
    }

    private static void siftDown(double[] c, int[] h, int m, int offset, int stride) {
        int pos = 0;
        while (true) {
            int l = 2 * pos + 1, r = l + 1, big = pos;
            if (l < m && c[offset + h[l] * stride] > c[offset + h[big] * stride]) big = l;
            if (r < m && c[offset + h[r] * stride] > c[offset + h[big] * stride]) big = r;
            if (big == pos) return;
            int t = h[big]; h[big] = h[pos]; h[pos] = t;
            pos = big;
        }
    }

    /** Column reduction: v_j = min over listed rows, each column to its cheapest row while that row is free. */
    private void initialise() {
        x = new int[n];
        y = new int[n];
        Arrays.fill(x, -1);
        Arrays.fill(y, -1);
        v = new double[n];
        Arrays.fill(v, Double.POSITIVE_INFINITY);
        int[] argmin = new int[n];
        for (int i = 0; i < n; i++) {
            for (int e = 0; e < adj[i].length; e++) {
                int j = adj[i][e];
                if (adjCost[i][e] < v[j]) { v[j] = adjCost[i][e]; argmin[j] = i; }
            }
        }
        for (int j = 0; j < n; j++) {
            if (v[j] == Double.POSITIVE_INFINITY) {        // a column no row lists: give it its cheapest row's entry
                int best = 0;
                for (int i = 1; i < n; i++) if (c[i * n + j] < c[best * n + j]) best = i;
                int[] row = Arrays.copyOf(adj[best], adj[best].length + 1);
                row[row.length - 1] = j;
                setRow(best, row);
                v[j] = c[best * n + j];
                argmin[j] = best;
            }
            if (x[argmin[j]] < 0) { x[argmin[j]] = j; y[j] = argmin[j]; }
        }
    }

    /** Shortest augmenting paths from every free row (a row that finds no free column is made dense and retried). */
    private void augmentFreeRows() {
        double[] d = new double[n];
        Arrays.fill(d, Double.POSITIVE_INFINITY);
        int[] pred = new int[n], touched = new int[n], done = new int[n];
        boolean[] finalised = new boolean[n];
        int[] heap = new int[n], where = new int[n];
        Arrays.fill(where, -1);
        for (int s = 0; s < n; s++) {
            if (x[s] >= 0) continue;
            int nTouched = 0, nDone = 0, heapSize = 0, end = -1;
            double mu = 0;
            for (int attempt = 0; attempt < 2 && end < 0; attempt++) {
            if (attempt == 1) {                              // no augmenting path among candidates: row s takes all
                for (int q = 0; q < nTouched; q++) { d[touched[q]] = Double.POSITIVE_INFINITY; finalised[touched[q]] = false; where[touched[q]] = -1; }
                nTouched = 0; nDone = 0; heapSize = 0;
                denseRow(s);
            }
            // relax from the free row (its own offset cancels in the comparisons)
            for (int e = 0; e < adj[s].length; e++) {
                int j = adj[s][e];
                double r = adjCost[s][e] - v[j];
                if (r < d[j]) {
                    if (d[j] == Double.POSITIVE_INFINITY) touched[nTouched++] = j;
                    d[j] = r;
                    pred[j] = s;
                    heapSize = heapPush(heap, where, d, heapSize, j);
                }
            }
            while (heapSize > 0) {
                int j1 = heap[0];
                heapSize = heapPop(heap, where, d, heapSize);
                finalised[j1] = true;
                done[nDone++] = j1;
                mu = d[j1];
                if (y[j1] < 0) { end = j1; break; }
                int i = y[j1];
                double h = c[i * n + j1] - v[j1] - mu;
                int[] row = adj[i];
                double[] rc = adjCost[i];
                for (int e = 0; e < row.length; e++) {
                    int j = row[e];
                    if (finalised[j]) continue;
                    double r = rc[e] - v[j] - h;
                    if (r < d[j]) {
                        if (d[j] == Double.POSITIVE_INFINITY) touched[nTouched++] = j;
                        d[j] = r;
                        pred[j] = i;
                        if (where[j] >= 0) heapDecrease(heap, where, d, where[j]);
                        else heapSize = heapPush(heap, where, d, heapSize, j);
                    }
                }
            }
            }
            if (end < 0) throw new IllegalStateException("no augmenting path from a dense row: cannot happen");
            for (int q = 0; q < nDone - 1; q++) {        // finalised columns before the free one
                int j = done[q];
                v[j] += d[j] - mu;
            }
            for (int q = 0; q < nTouched; q++) {
                int j = touched[q];
                d[j] = Double.POSITIVE_INFINITY;
                finalised[j] = false;
                where[j] = -1;
            }
            for (int q = 0; q < heapSize; q++) where[heap[q]] = -1;
            int j = end;
            while (true) {
                int i = pred[j];
                y[j] = i;
                int next = x[i];
                x[i] = j;
                if (i == s) break;
                j = next;
            }
        }
    }

    /** Entries of the full matrix whose reduced cost c_ij - u_i - v_j is negative beyond rounding. */
    private java.util.List<int[]> violations(int[] x, double[] v) {
        java.util.List<int[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            int base = i * n;
            double u = c[base + x[i]] - v[x[i]];
            double tol = 1e-10 * (1 + Math.abs(u));
            for (int j = 0; j < n; j++) if (c[base + j] - v[j] - u < -tol) out.add(new int[] {i, j});
        }
        return out;
    }

    private static int heapPush(int[] heap, int[] where, double[] d, int size, int j) {
        heap[size] = j;
        where[j] = size;
        heapDecrease(heap, where, d, size);
        return size + 1;
    }

    private static void heapDecrease(int[] heap, int[] where, double[] d, int pos) {
        int j = heap[pos];
        while (pos > 0) {
            int parent = (pos - 1) / 2;
            if (d[heap[parent]] <= d[j]) break;
            heap[pos] = heap[parent];
            where[heap[pos]] = pos;
            pos = parent;
        }
        heap[pos] = j;
        where[j] = pos;
    }

    private static int heapPop(int[] heap, int[] where, double[] d, int size) {
        where[heap[0]] = -1;
        size--;
        if (size == 0) return 0;
        int j = heap[size], pos = 0;
        while (true) {
            int l = 2 * pos + 1, r = l + 1, small = -1;
            double best = d[j];
            if (l < size && d[heap[l]] < best) { small = l; best = d[heap[l]]; }
            if (r < size && d[heap[r]] < best) { small = r; }
            if (small < 0) break;
            heap[pos] = heap[small];
            where[heap[pos]] = pos;
            pos = small;
        }
        heap[pos] = j;
        where[j] = pos;
        return size;
    }
}
