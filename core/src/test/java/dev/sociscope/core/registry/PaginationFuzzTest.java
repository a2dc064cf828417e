package dev.sociscope.core.registry;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Hostile {@code Link} headers (issue 14 item 5): several links, unbalanced angle brackets, odd {@code rel} spellings,
 * URLs that do not parse. Only the header parser is exercised here; following the links (origin, page caps) is
 * tested with the paging code. The parser never throws: an unreadable link means no next page, and a followed link
 * never leaves the registry's origin. Seeds under
 * {@code PaginationFuzzTestInputs/linkHeader/}: headers as the distribution registry, GHCR, Quay and Harbor send
 * them. Header bytes are read as ISO-8859-1, as OkHttp does.
 */
class PaginationFuzzTest {
  private static final HttpUrl PAGE = HttpUrl.get("https://registry.example.com/v2/_catalog?n=100");

  @FuzzTest(maxDuration = "5s")
  void linkHeader(byte[] input) {
    String value = new String(input, StandardCharsets.ISO_8859_1);
    Headers headers = new Headers.Builder().addUnsafeNonAscii("Link", value).build();
    Response response = new Response.Builder()
        .request(new Request.Builder().url(PAGE).build())
        .protocol(Protocol.HTTP_1_1).code(200).message("OK").headers(headers).build();
    LinkHeader.next(response.headers("Link")); // the pure parser on its own
    Pagination.Next next = Pagination.next(response, PAGE);
    if (next.url() != null && !Pagination.sameOrigin(next.url(), PAGE)) {
      throw new AssertionError("followed a next page to another origin: " + next.url());
    }
    if (next.refused() != null && next.refused().contains("\n")) {
      throw new AssertionError("a refusal of more than one line: " + next.refused());
    }
  }
}
