package io.sightline.storage.logs;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import org.apache.lucene.index.FilteredTermsEnum;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.util.AttributeSource;
import org.apache.lucene.util.BytesRef;

/**
 * Body terms that contain (or end with) an ASCII needle, plus every term of the tokenizer's maximum
 * length. The second part keeps the query a superset of the lines containing the needle: the
 * StandardTokenizer cuts a word longer than 255 chars into 255-char pieces, so a needle inside such
 * a word may straddle two terms, and then the term before the cut is exactly 255 chars long (254
 * when the cut would split a surrogate pair). Enumerates the field's whole term dictionary, as a
 * leading-wildcard query does.
 */
final class BodyTermsQuery extends MultiTermQuery {
    /** StandardAnalyzer's default maximum token length, in UTF-16 chars. */
    static final int MAX_TOKEN_CHARS = 255;

    private final byte[] needle;
    private final boolean suffix;

    /** @param needle lowercase ASCII; @param suffix terms must end with it, else contain it */
    BodyTermsQuery(String field, String needle, boolean suffix) {
        super(field, CONSTANT_SCORE_BLENDED_REWRITE);
        this.needle = needle.getBytes(StandardCharsets.US_ASCII);
        this.suffix = suffix;
    }

    @Override
    protected TermsEnum getTermsEnum(Terms terms, AttributeSource atts) throws java.io.IOException {
        return new FilteredTermsEnum(terms.iterator(), false) {
            @Override
            protected AcceptStatus accept(BytesRef term) {
                return matches(term) || maxLength(term) ? AcceptStatus.YES : AcceptStatus.NO;
            }
        };
    }

    private boolean matches(BytesRef term) {
        if (suffix) {
            int start = term.length - needle.length;
            return start >= 0 && regionMatches(term, term.offset + start);
        }
        for (int start = term.offset, last = term.offset + term.length - needle.length; start <= last; start++) {
            if (regionMatches(term, start)) {
                return true;
            }
        }
        return false;
    }

    private boolean regionMatches(BytesRef term, int at) {
        for (int i = 0; i < needle.length; i++) {
            if (term.bytes[at + i] != needle[i]) {
                return false;
            }
        }
        return true;
    }

    /** Whether the term is 254 or 255 UTF-16 chars long (a piece of a cut word). */
    private static boolean maxLength(BytesRef term) {
        if (term.length < MAX_TOKEN_CHARS - 1) {
            return false; // a UTF-8 term has at least as many bytes as UTF-16 chars
        }
        int chars = 0;
        for (int i = term.offset, end = term.offset + term.length; i < end; i++) {
            int b = term.bytes[i] & 0xff;
            if (b < 0x80 || b >= 0xc0) { // a lead byte: one char, two for a 4-byte sequence
                chars += b >= 0xf0 ? 2 : 1;
            }
        }
        return chars >= MAX_TOKEN_CHARS - 1;
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            visitor.visitLeaf(this);
        }
    }

    @Override
    public String toString(String defaultField) {
        String text = new String(needle, StandardCharsets.US_ASCII);
        return (field.equals(defaultField) ? "" : field + ":") + "*" + text + (suffix ? "" : "*") + "|len>=254";
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other) && other instanceof BodyTermsQuery that
                && java.util.Arrays.equals(needle, that.needle) && suffix == that.suffix;
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), java.util.Arrays.hashCode(needle), suffix);
    }
}
