package dev.gofetch.transfer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/// A set of disjoint, non-adjacent half-open byte intervals (adjacent ones are merged). Not thread-safe.
final class IntervalSet {
    private final TreeMap<Long, Long> byStart = new TreeMap<>();
    private long total;

    IntervalSet() {}

    IntervalSet(IntervalSet other) {
        byStart.putAll(other.byStart);
        total = other.total;
    }

    static IntervalSet of(List<ByteRange> ranges) {
        IntervalSet s = new IntervalSet();
        for (ByteRange r : ranges) {
            s.add(r.start(), r.end());
        }
        return s;
    }

    void add(long start, long end) {
        if (end <= start) {
            return;
        }
        Map.Entry<Long, Long> before = byStart.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            if (before.getValue() >= end) {
                return;
            }
            start = before.getKey();
            total -= before.getValue() - before.getKey();
            byStart.remove(before.getKey());
        }
        Map.Entry<Long, Long> next = byStart.ceilingEntry(start);
        while (next != null && next.getKey() <= end) {
            end = Math.max(end, next.getValue());
            total -= next.getValue() - next.getKey();
            byStart.remove(next.getKey());
            next = byStart.ceilingEntry(start);
        }
        byStart.put(start, end);
        total += end - start;
    }

    void clear() {
        byStart.clear();
        total = 0;
    }

    /// Total bytes covered.
    long covered() {
        return total;
    }

    boolean isEmpty() {
        return byStart.isEmpty();
    }

    boolean covers(long start, long end) {
        if (end <= start) {
            return true;
        }
        Map.Entry<Long, Long> e = byStart.floorEntry(start);
        return e != null && e.getValue() >= end;
    }

    /// The end of the interval containing pos, or pos itself when pos is not covered.
    long coveredUpTo(long pos) {
        Map.Entry<Long, Long> e = byStart.floorEntry(pos);
        return e != null && e.getValue() > pos ? e.getValue() : pos;
    }

    /// The largest end of any interval, 0 when empty.
    long maxEnd() {
        return byStart.isEmpty() ? 0 : byStart.lastEntry().getValue();
    }

    /// The parts of [from, to) not covered by this set, in order.
    List<ByteRange> gaps(long from, long to) {
        List<ByteRange> out = new ArrayList<>();
        long cursor = from;
        Map.Entry<Long, Long> first = byStart.floorEntry(from);
        Iterable<Map.Entry<Long, Long>> rest = first == null
                ? byStart.tailMap(from, true).entrySet()
                : byStart.tailMap(first.getKey(), true).entrySet();
        for (Map.Entry<Long, Long> e : rest) {
            if (e.getKey() >= to) {
                break;
            }
            if (e.getKey() > cursor) {
                out.add(new ByteRange(cursor, e.getKey()));
            }
            cursor = Math.max(cursor, e.getValue());
        }
        if (cursor < to) {
            out.add(new ByteRange(cursor, to));
        }
        return out;
    }

    List<ByteRange> ranges() {
        List<ByteRange> out = new ArrayList<>(byStart.size());
        byStart.forEach((s, e) -> out.add(new ByteRange(s, e)));
        return out;
    }

    @Override
    public String toString() {
        return ranges().toString();
    }
}
