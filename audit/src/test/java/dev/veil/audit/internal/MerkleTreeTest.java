package dev.veil.audit.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTreeTest {

    /** RFC 6962 section 2.1, written as the recursion the RFC states. */
    private static byte[] mth(List<byte[]> leaves) {
        MessageDigest d = Bytes.sha256();
        if (leaves.isEmpty()) {
            return d.digest();
        }
        if (leaves.size() == 1) {
            d.update((byte) 0);
            return d.digest(leaves.get(0));
        }
        int k = Integer.highestOneBit(leaves.size() - 1);
        d.update((byte) 1);
        d.update(mth(leaves.subList(0, k)));
        return d.digest(mth(leaves.subList(k, leaves.size())));
    }

    @Test
    void root_matchesTheRfc6962RecursionForEverySizeUpTo70() {
        MerkleTree tree = new MerkleTree();
        List<byte[]> leaves = new ArrayList<>();
        assertArrayEquals(mth(leaves), tree.root());
        for (int n = 1; n <= 70; n++) {
            byte[] data = ("record " + n).getBytes(StandardCharsets.UTF_8);
            leaves.add(data);
            tree.appendLeafHash(MerkleTree.leafHash(Bytes.sha256(), data, data.length));
            assertArrayEquals(mth(leaves), tree.root(), "size " + n);
        }
    }

    @Test
    void root_ofEmptyTree_isTheHashOfNothing() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(new MerkleTree().root()));
    }
}
