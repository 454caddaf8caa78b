package com.example.intune.statusimport.cli;

import com.example.intune.statusimport.simulator.QuotaKind;

/** The values of {@code simulate}'s own options, each checked by its type as {@link OptionValues} does. */
final class SimulateOptionValues {

	private SimulateOptionValues() {
	}

	static final class QuotaKindValue extends OptionValues.Choice<QuotaKind> {

		QuotaKindValue() {
			super(QuotaKind.class);
		}

	}

	static final class QuotaValue extends OptionValues.Bounded<Integer> {

		QuotaValue() {
			super(0, Integer.MAX_VALUE, "0 for no quota", number -> (int) number);
		}

	}

	static final class PageSizeValue extends OptionValues.Bounded<Integer> {

		PageSizeValue() {
			super(1, Integer.MAX_VALUE, null, number -> (int) number);
		}

	}

}
