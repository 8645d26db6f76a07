package io.sightline.ui;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The templates render with the variables their pages give them (a misspelt variable fails here, not on a request). */
class PageWarmUpTest {
    @Test
    void theExplorerAndAlertsTemplatesRender() {
        assertThatCode(ExplorePage::warmUp).doesNotThrowAnyException();
        assertThatCode(AlertsPage::warmUp).doesNotThrowAnyException();
    }
}
