package org.kohyo.validate;

import org.kohyo.load.YNode;
import org.kohyo.model.Location;

/**
 * Where a Markdown text starts in its file, so that positions inside the text map to file lines.
 *
 * @param file        file name for messages
 * @param firstLine   the file line of the text's first line
 * @param firstColumn the file column where the text's lines start (the block scalar's indent)
 * @param label       the item's printed label
 */
record TextContext(String file, int firstLine, int firstColumn, String label) {
    static TextContext of(YNode.Scalar s, String label) {
        return new TextContext(s.location().file(), s.contentLine(), s.contentColumn(), label);
    }

    static TextContext ofFile(String file, int firstLine, String label) {
        return new TextContext(file, firstLine, 1, label);
    }

    /** The file location of a 0-based line and column of the text. */
    Location at(int line, int column) {
        if (firstLine <= 0) {
            return Location.of(file);
        }
        return new Location(file, firstLine + line, firstColumn + column);
    }

    /** The file location of a character offset in the text. */
    Location atOffset(String text, int offset) {
        int line = 0;
        int col = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                col = 0;
            } else {
                col++;
            }
        }
        return at(line, col);
    }
}
