package dev.synod.cli.internal;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values that are one of a few lower-case words, such as {@code --format json}. */
final class Choices {
    private Choices() {
    }

    /**
     * The constant whose lower-case name is {@code value}.
     *
     * @throws TypeConversionException listing the words accepted, which picocli reports as bad usage
     */
    static <E extends Enum<E>> E parse(Class<E> type, String value) {
        for (E constant : type.getEnumConstants()) {
            if (word(constant).equals(value.toLowerCase(Locale.ROOT))) {
                return constant;
            }
        }
        throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants())
                .map(Choices::word).collect(Collectors.joining(", ")) + ", found '" + value + "'");
    }

    /** Converts an option value to a constant of {@code E}; subclassed once per enum, as picocli needs a class. */
    abstract static class Converter<E extends Enum<E>> implements ITypeConverter<E> {
        private final Class<E> type;

        Converter(Class<E> type) {
            this.type = type;
        }

        @Override
        public E convert(String value) {
            return parse(type, value);
        }
    }

    /** How a constant is written on the command line. */
    static String word(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT);
    }
}
