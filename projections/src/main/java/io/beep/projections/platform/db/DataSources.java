package io.beep.projections.platform.db;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Two pools. The primary one ({@code spring.datasource}, database {@code beep_views}) serves
 * jOOQ, Flyway, the transaction manager and Axon's token store. The events pool
 * ({@code beep.events.datasource}, database {@code beep_events}) is read only and is injected
 * only where asked for by {@link #EVENTS}.
 */
@Configuration
public class DataSources {

    public static final String EVENTS = "eventsDataSource";

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource")
    public DataSourceProperties viewsDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource viewsDataSource(DataSourceProperties viewsDataSourceProperties) {
        return viewsDataSourceProperties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }

    @Bean(defaultCandidate = false)
    @ConfigurationProperties("beep.events.datasource")
    public DataSourceProperties eventsDataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean(name = EVENTS, defaultCandidate = false)
    @ConfigurationProperties("beep.events.datasource.hikari")
    public HikariDataSource eventsDataSource(
            @Qualifier("eventsDataSourceProperties") DataSourceProperties eventsDataSourceProperties) {
        return eventsDataSourceProperties.initializeDataSourceBuilder().type(HikariDataSource.class).build();
    }
}
