package com.example.intune.statusimport.report;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FailureMessagesTests {

	@Test
	void messagesThatDifferOnlyInTheirValuesAreOneKindWithTheFirstAsExample() {
		FailureMessages messages = new FailureMessages();
		messages.add(FailureCategory.INVALID, "status: 'compliantt' is not a compliance status");
		messages.add(FailureCategory.INVALID, "lastReportedDateTime: '27/11/2026' is not a date-time");
		messages.add(FailureCategory.INVALID, "status: 'yes' is not a compliance status");
		messages.add(FailureCategory.DUPLICATE, "line 3 already updates cfg/dcs-2; this row was not sent.");
		messages.add(FailureCategory.DUPLICATE, "line 17 already updates cfg/dcs-9; this row was not sent.");
		messages.add(FailureCategory.DUPLICATE, "line 18 already updates cfg/dcs-9; this row was not sent.");

		List<FailureMessages.Entry> top = messages.top(10);

		assertThat(top).extracting(FailureMessages.Entry::count).containsExactly(3L, 2L, 1L);
		assertThat(top.get(0).category()).isEqualTo(FailureCategory.DUPLICATE);
		assertThat(top.get(0).shape()).isEqualTo("line # already updates #; this row was not sent.");
		assertThat(top.get(0).example()).isEqualTo("line 3 already updates cfg/dcs-2; this row was not sent.");
		assertThat(top.get(1).shape()).isEqualTo("status: '…' is not a compliance status");
		assertThat(top.get(1).example()).contains("'compliantt'");
		assertThat(messages.top(1)).hasSize(1);
	}

	@Test
	void theSameWordsInAnotherCategoryAreAnotherKind() {
		FailureMessages messages = new FailureMessages();
		messages.add(FailureCategory.REJECTED, "Graph answered 400");
		messages.add(FailureCategory.RETRIES_EXHAUSTED, "Graph answered 503");

		assertThat(messages.top(10)).extracting(FailureMessages.Entry::category)
			.containsExactly(FailureCategory.REJECTED, FailureCategory.RETRIES_EXHAUSTED);
	}

	@Test
	void pastTheBoundTheRestAreCountedAsOne() {
		FailureMessages messages = new FailureMessages();
		for (int i = 0; i < FailureMessages.MAX_SHAPES + 50; i++) {
			messages.add(FailureCategory.REJECTED, "Graph said " + "x".repeat(i + 1));
		}

		List<FailureMessages.Entry> all = messages.top(1000);

		assertThat(all).hasSize(FailureMessages.MAX_SHAPES + 1);
		assertThat(all.get(0).shape()).isEqualTo(FailureMessages.OTHER);
		assertThat(all.get(0).count()).isEqualTo(50);
		assertThat(all.stream().mapToLong(FailureMessages.Entry::count).sum()).isEqualTo(FailureMessages.MAX_SHAPES + 50);
	}

	@Test
	void keptAsTextAndAddedUpAcrossRunsItCountsTheSame() {
		FailureMessages first = new FailureMessages();
		first.add(FailureCategory.INVALID, "status: 'a' is not a compliance status");
		first.add(FailureCategory.NOT_FOUND, "Graph holds no status cfg/dcs-1");
		FailureMessages resumed = FailureMessages.fromText(first.toText());
		resumed.add(FailureCategory.INVALID, "status: 'b' is not a compliance status");

		assertThat(resumed.top(10)).containsExactly(
				new FailureMessages.Entry(FailureCategory.INVALID, "status: '…' is not a compliance status", 2,
						"status: 'a' is not a compliance status"),
				new FailureMessages.Entry(FailureCategory.NOT_FOUND, "Graph holds no status #", 1,
						"Graph holds no status cfg/dcs-1"));
		assertThat(FailureMessages.fromText(null).isEmpty()).isTrue();
	}

	@Test
	void aLongExampleIsCut() {
		FailureMessages messages = new FailureMessages();
		messages.add(FailureCategory.REJECTED, "y".repeat(5000));

		assertThat(messages.top(1).get(0).example()).hasSize(300).endsWith("…");
	}

}
