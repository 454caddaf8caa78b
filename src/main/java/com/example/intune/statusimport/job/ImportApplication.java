package com.example.intune.statusimport.job;

import java.util.Map;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;

import com.example.intune.statusimport.graph.AccessTokenSource;
import com.example.intune.statusimport.graph.StopSignal;

/**
 * The Spring Boot application behind the {@code import} command: Boot's JDBC job repository on the job store (an H2
 * file or PostgreSQL, {@link JobStore}), and the import job. The command line starts one per run. Its fixed properties
 * are in {@code device-status-import.properties}; only the job store's properties come from the command line.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ImportJobConfiguration.class)
public class ImportApplication {

	/** Only our own properties file, never an application.properties the user happens to have around. */
	private static final String CONFIG_LOCATION = "classpath:/device-status-import.properties";

	static ConfigurableApplicationContext start(ImportSettings settings, AccessTokenSource tokens, StopSignal stop) {
		return new SpringApplicationBuilder(ImportApplication.class).registerShutdownHook(false)
			.properties(Map.of("spring.config.location", CONFIG_LOCATION))
			.initializers(context -> {
				// first, so that no environment variable or system property can point the job elsewhere
				context.getEnvironment()
					.getPropertySources()
					.addFirst(new MapPropertySource("importRun", settings.run().jobStore().applicationProperties()));
				context.getBeanFactory().registerSingleton("importSettings", settings);
				context.getBeanFactory().registerSingleton("accessTokenSource", tokens);
				context.getBeanFactory().registerSingleton("stopSignal", stop);
			})
			.run();
	}

}
