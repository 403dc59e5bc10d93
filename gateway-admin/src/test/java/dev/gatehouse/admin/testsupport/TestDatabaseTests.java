package dev.gatehouse.admin.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TestDatabaseTests {

    @ParameterizedTest
    @CsvSource({
            "jdbc:postgresql://127.0.0.1:5432/postgres, jdbc:postgresql://127.0.0.1:5432/db",
            "jdbc:postgresql://h:1/postgres?sslmode=disable, jdbc:postgresql://h:1/db?sslmode=disable",
            "jdbc:postgresql://h, jdbc:postgresql://h/db"})
    void replacesTheDatabase(String url, String expected) {
        assertThat(TestDatabase.withDatabase(url, "db")).isEqualTo(expected);
    }
}
