package com.example.intune.statusimport.job;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;

/**
 * The Spring Boot application behind the {@code import} command: Boot's JDBC job repository on an H2 file, and the
 * import job. The command line builds one per run.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(ImportJobConfiguration.class)
public class ImportApplication {

}
