package io.authpipe.mastodon;

/**
 * Cleans an account's display name before Authpipe records it: control characters (C0, DEL, C1: line breaks, escape
 * sequences, NUL) and the bidirectional controls that can make a name read as another (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069) are dropped, surrounding white space is trimmed, and the result is cut at
 * {@value #MAX_CODE_POINTS} code points (never inside a surrogate pair). Mastodon allows 30, Pleroma and Akkoma 100
 * by default; anything longer is a server's own setting or a hostile one, and a shorter name is still the user's.
 * An empty result is no display name.
 */
final class DisplayNames {
    static final int MAX_CODE_POINTS = 100;

    private DisplayNames() {
    }

    /** The cleaned name, or null when nothing is left. */
    static String clean(String raw) {
        StringBuilder out = new StringBuilder();
        raw.codePoints().filter(cp -> !isControl(cp)).limit(MAX_CODE_POINTS * 4L).forEach(out::appendCodePoint);
        String trimmed = out.toString().strip();
        if (trimmed.codePointCount(0, trimmed.length()) > MAX_CODE_POINTS) {
            trimmed = trimmed.substring(0, trimmed.offsetByCodePoints(0, MAX_CODE_POINTS)).strip();
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    static boolean isControl(int cp) {
        return Character.getType(cp) == Character.CONTROL || cp == 0x061C || cp == 0x200E || cp == 0x200F
                || cp >= 0x202A && cp <= 0x202E || cp >= 0x2066 && cp <= 0x2069;
    }
}
