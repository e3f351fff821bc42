package dev.veil.audit.internal;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * An append-only Merkle tree with RFC 6962 hashing (leaf {@code SHA-256(0x00 || data)}, node
 * {@code SHA-256(0x01 || left || right)}), holding only the roots of its perfect subtrees (one per
 * set bit of the size), so appending costs O(1) amortized and the root O(log n). Not thread-safe.
 */
public final class MerkleTree {

    private static final byte[] EMPTY_ROOT = Bytes.sha256().digest();
    private final MessageDigest digest = Bytes.sha256();
    // frontier.get(0) is the largest (leftmost) perfect subtree.
    private final List<byte[]> frontier = new ArrayList<>();
    private final List<Long> sizes = new ArrayList<>();
    private long size;

    public long size() {
        return size;
    }

    public static byte[] leafHash(MessageDigest digest, byte[] data, int length) {
        digest.reset();
        digest.update((byte) 0);
        digest.update(data, 0, length);
        return digest.digest();
    }

    /** Appends a leaf given its leaf hash. */
    public void appendLeafHash(byte[] leaf) {
        byte[] node = leaf;
        long nodeSize = 1;
        while (!sizes.isEmpty() && sizes.get(sizes.size() - 1) == nodeSize) {
            int last = sizes.size() - 1;
            node = nodeHash(frontier.remove(last), node);
            sizes.remove(last);
            nodeSize *= 2;
        }
        frontier.add(node);
        sizes.add(nodeSize);
        size++;
    }

    /** The RFC 6962 Merkle tree hash of everything appended so far. */
    public byte[] root() {
        if (frontier.isEmpty()) {
            return EMPTY_ROOT.clone();
        }
        // MTH splits at the largest power of two below n, which is exactly the frontier's leftmost
        // subtree; folding from the right reproduces the recursion.
        byte[] acc = frontier.get(frontier.size() - 1);
        for (int i = frontier.size() - 2; i >= 0; i--) {
            acc = nodeHash(frontier.get(i), acc);
        }
        return acc;
    }

    private byte[] nodeHash(byte[] left, byte[] right) {
        digest.reset();
        digest.update((byte) 1);
        digest.update(left);
        digest.update(right);
        return digest.digest();
    }
}
