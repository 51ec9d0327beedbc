package dev.callchain.pipeline.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.callchain.pipeline.model.PartialLinks;
import org.junit.jupiter.api.Test;

class AddressSlicesTest {
  private final AddressSlices slices = new AddressSlices(1000);

  @Test
  void aCallIsInEverySliceItsIntervalOverlapsBoundsIncluded() {
    assertEquals(1, slices.pieces(1000, 1999));
    assertEquals(2, slices.pieces(1999, 2000));
    assertEquals(4, slices.pieces(500, 3000));
    assertEquals(3, slices.pieceOf(500, 3));
    // Times before the epoch fall in negative slices, not in slice 0 with those just after it.
    assertEquals(-1, slices.sliceOf(-1));
    assertEquals(2, slices.pieces(-1, 0));
  }

  @Test
  void unslicedEveryCallIsInSliceZero() {
    assertFalse(AddressSlices.WHOLE_ADDRESS.sliced());
    assertEquals(0, AddressSlices.WHOLE_ADDRESS.sliceOf(123_456_789));
    assertEquals(1, AddressSlices.WHOLE_ADDRESS.pieces(0, Long.MAX_VALUE / 2));
    assertThrows(IllegalArgumentException.class, () -> new AddressSlices(-1));
  }

  @Test
  void piecesOfAChildrenHalfMergeSortedWithoutDuplicates() {
    PartialLinks first = PartialLinks.childrenOf("p", 0, 2500, new String[] {"a", "c"}).asPiece(0, 3);
    PartialLinks revisedFirst = PartialLinks.childrenOf("p", 0, 2500, new String[] {"a", "b", "c"}).asPiece(0, 3);
    PartialLinks third = PartialLinks.childrenOf("p", 0, 2500, new String[] {"d"}).asPiece(2, 3);
    AssembleByIdFn.WaitingCall waiting = new AssembleByIdFn.WaitingCall(first, 0);
    assertFalse(waiting.add(first), "the same piece again is a duplicate");
    waiting.add(third);
    waiting.add(revisedFirst.asRevision());
    waiting.add(PartialLinks.parentsOf(dev.callchain.pipeline.model.CallRecord.of("p", "x", "y", 0, 2500), new String[0]));
    assertFalse(waiting.complete(), "piece 1 has not come");
    waiting.add(PartialLinks.childrenOf("p", 0, 2500, new String[0]).asPiece(1, 3));
    assertEquals(true, waiting.complete());
    assertArrayEquals(new String[] {"a", "b", "c", "d"}, waiting.children.ids());
  }
}
