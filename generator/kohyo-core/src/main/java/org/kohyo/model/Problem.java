package org.kohyo.model;

/**
 * 問題 — one error or warning found in the sources, worded for the people who keep them.
 *
 * @param location where
 * @param label    the item as labelled on the form (「①部署」), or null when not about an item
 * @param message  what is wrong and what is allowed, in Japanese
 * @param warning  true for a warning that does not stop the build
 */
public record Problem(Location location, String label, String message, boolean warning) {
    public static Problem error(Location location, String label, String message) {
        return new Problem(location, label, message, false);
    }

    public static Problem warning(Location location, String label, String message) {
        return new Problem(location, label, message, true);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append(location).append(": ").append(warning ? "警告" : "エラー").append(": ");
        if (label != null && !label.isEmpty()) {
            b.append('「').append(label).append("」: ");
        }
        return b.append(message).toString();
    }
}
