package com.example.intune.statusimport.job;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * {@code --keep-runs N}: of the files next to the input named as a run's files are ({@link RunFileNames}: exactly
 * that pattern, regular files only, never a link, never the input), those of the newest N run starts stay and older
 * ones go. The files of a run the job store holds as unfinished stay whatever their age: the same command resumes it,
 * into its report.
 */
final class RunFilesCleanup {

	private final JobRepository repository;

	private final RunFileNames names;

	private final Path input;

	RunFilesCleanup(JobRepository repository, RunFileNames names, Path input) {
		this.repository = repository;
		this.names = names;
		this.input = input.toAbsolutePath().normalize();
	}

	/** @param notes where a file that could not be removed is named */
	void keepNewest(int runs, PrintStream notes) {
		TreeMap<String, List<Path>> byStart = new TreeMap<>(Comparator.reverseOrder());
		try (Stream<Path> files = Files.list(this.names.folder())) {
			files.filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS))
				.filter(file -> !file.toAbsolutePath().normalize().equals(this.input))
				.forEach(file -> this.names.startOf(file)
					.ifPresent(start -> byStart.computeIfAbsent(start, key -> new ArrayList<>()).add(file)));
		}
		catch (IOException ex) {
			notes.println("Note: older runs' files were not looked for: " + ex.getMessage());
			return;
		}
		if (byStart.size() <= runs) {
			return;
		}
		Set<String> unfinished = unfinishedStarts();
		int kept = 0;
		for (Map.Entry<String, List<Path>> run : byStart.entrySet()) {
			if (kept++ < runs || unfinished.contains(run.getKey())) {
				continue;
			}
			for (Path file : run.getValue()) {
				try {
					Files.deleteIfExists(file);
				}
				catch (IOException ex) {
					notes.println("Note: " + file + " (an older run's file) was not removed: " + ex.getMessage());
				}
			}
		}
	}

	/** The starts of the runs the job store holds as unfinished, by the files they recorded. */
	private Set<String> unfinishedStarts() {
		Set<String> starts = new HashSet<>();
		for (JobInstance instance : this.repository.getJobInstances(ImportJobConfiguration.JOB_NAME, 0,
				Integer.MAX_VALUE)) {
			JobExecution last = this.repository.getLastJobExecution(instance);
			if (last == null || last.getStatus() == BatchStatus.COMPLETED
					|| last.getStatus() == BatchStatus.ABANDONED) {
				continue;
			}
			JobExecution hydrated = this.repository.getJobExecution(last.getId());
			ExecutionContext context = (hydrated == null ? last : hydrated).getExecutionContext();
			for (String key : List.of(RunFiles.REPORT_KEY, RunFiles.SUMMARY_KEY)) {
				Optional.ofNullable(context.getString(key, null))
					.flatMap(path -> this.names.startOf(Path.of(path)))
					.ifPresent(starts::add);
			}
		}
		return starts;
	}

}
