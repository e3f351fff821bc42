package dev.veil.audit.internal;

/**
 * The forward-only chain of record keys of one segment: {@code r(i+1) = Expand(r(i), "next")},
 * record key {@code k(i) = Expand(r(i), "record key")}. Each step erases the previous state, so
 * whoever holds the ratchet now cannot derive the keys of records already written. Not
 * thread-safe: the writer thread and a reader each own theirs.
 */
public final class Ratchet {

    private final javax.crypto.Mac mac = Crypto.hmac();
    private byte[] state;
    private long index;

    /** Starts at record index 0 from the segment key (which the caller then erases). */
    public Ratchet(byte[] segmentKey) {
        this.state = Crypto.ratchetStart(segmentKey);
    }

    /** The index of the record whose key {@link #nextKey()} returns. */
    public long index() {
        return index;
    }

    /** The key of record {@link #index()}; moves forward and erases the state it came from. */
    public byte[] nextKey() {
        byte[] key = Crypto.expand(mac, state, Crypto.RECORD_INFO);
        byte[] next = Crypto.expand(mac, state, Crypto.NEXT_INFO);
        Crypto.erase(state);
        state = next;
        index++;
        return key;
    }

    /** Moves forward to record {@code target} without using the keys in between (reader only). */
    public void skipTo(long target) {
        if (target < index) {
            throw new IllegalArgumentException("a ratchet cannot go back");
        }
        while (index < target) {
            Crypto.erase(nextKey());
        }
    }

    /** Erases the state; the ratchet is unusable afterwards. */
    public void destroy() {
        Crypto.erase(state);
    }
}
