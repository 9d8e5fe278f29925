package io.authpipe.sandbox.mastodon.internal.browser;

/** Turns a page into a short plain-text summary for exception messages (pages never contain tokens). */
final class PageText {

    private static final int MAX = 300;

    private PageText() {
    }

    static String summary(String html) {
        String text = html.replaceAll("(?s)<title>.*?</title>", " ").replaceAll("<[^>]+>", " ")
                .replace("&quot;", "\"").replace("&#39;", "'").replace("&amp;", "&")
                .replaceAll("\\s+", " ").trim();
        return text.length() > MAX ? text.substring(0, MAX) + "…" : text;
    }
}
