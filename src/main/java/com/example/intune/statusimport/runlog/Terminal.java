package com.example.intune.statusimport.runlog;

import java.io.Console;
import java.lang.reflect.Method;

/**
 * Whether the process talks to a person's terminal rather than a log. On Java 17 {@link System#console()} is there
 * only when input and output are both a terminal; from Java 22 it may be there for a redirected process too, and
 * {@code Console.isTerminal()} tells, so it is asked when the running Java has it.
 */
public final class Terminal {

	private Terminal() {
	}

	public static boolean isAttached() {
		Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			Method isTerminal = Console.class.getMethod("isTerminal");
			return (Boolean) isTerminal.invoke(console);
		}
		catch (NoSuchMethodException ex) {
			return true;
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			return false;
		}
	}

}
