package com.example.intune.statusimport.devicestatus;

import java.util.Optional;

/**
 * The rule for the two ids that address a status, which travel as segments of the request's URL: letters, digits,
 * {@code -}, {@code _} and {@code .}, at most {@value #MAX_LENGTH} characters, not {@code .} or {@code ..}. An id
 * such as {@code ../../users/x}, {@code a/b}, {@code x?y} or {@code %2e%2e} could address something else, so it is
 * refused before anything is sent. The one home of the rule, for the rows and for {@code --configuration-id}.
 */
public final class PathSegment {

	/** Longest id accepted, in characters. */
	public static final int MAX_LENGTH = 128;

	private PathSegment() {
	}

	/**
	 * What is wrong with {@code value} as an id, to follow the value in a message ("'x/y' is not a valid id: ..."),
	 * or empty when it is safe.
	 */
	public static Optional<String> problem(String value) {
		if (value.length() > MAX_LENGTH) {
			return Optional.of("is " + value.length() + " characters long, at most " + MAX_LENGTH + " are accepted");
		}
		if (!isSafe(value) || value.equals(".") || value.equals("..")) {
			return Optional.of("is not a valid id: an id may hold only letters, digits, '-', '_' and '.' (no '/',"
					+ " '?', '%' or spaces), and is not '.' or '..'");
		}
		return Optional.empty();
	}

	/** A loop rather than a regex, since this runs for two values of every row. */
	private static boolean isSafe(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
					|| c == '.')) {
				return false;
			}
		}
		return !value.isEmpty();
	}

}
