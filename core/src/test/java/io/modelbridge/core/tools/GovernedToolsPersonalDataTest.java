package io.modelbridge.core.tools;

import static io.modelbridge.core.tools.GovernedToolsTest.CLERK;
import static io.modelbridge.core.tools.GovernedToolsTest.POLICY;
import static io.modelbridge.core.tools.GovernedToolsTest.VIEWER;
import static io.modelbridge.core.tools.GovernedToolsTest.call;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelbridge.core.hook.ToolOutcome;
import io.modelbridge.core.hook.ToolOutcome.Status;
import io.modelbridge.json.DataJson;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 11, confidentiality: what governed tools tell the hooks and print about personal data. */
class GovernedToolsPersonalDataTest {

  final InMemoryCustomerAdapter adapter = new InMemoryCustomerAdapter();

  @Test
  void toolResult_declaresTheDescriptorsPersonalFields() throws Exception {
    GovernedTools t = GovernedTools.builder().adapter(adapter).policy(POLICY).build();
    ToolOutcome o = t.execute(VIEWER, call("crm_customers_get", "{\"id\":1}"));
    JsonNode result = DataJson.tree(o.result());
    assertThat(result.path(GovernedTools.PERSONAL_PATHS)).extracting(JsonNode::asText)
        .containsExactly("records[*].fields.name", "records[*].key.name");
    assertThat(result.path("records").get(0).path("fields").path("name").asText()).isEqualTo("Ada Example");
  }

  @Test
  void previewedWrite_isOneJsonObject_declaringThePreviewsPersonalFields() throws Exception {
    GovernedTools t = GovernedTools.builder().adapter(adapter).policy(POLICY).build();
    ToolOutcome o = t.execute(CLERK, call("crm_customers_create",
        "{\"id\":7,\"name\":\"Jane Doe\",\"credit\":10}"));
    assertThat(o.status()).isEqualTo(Status.PREVIEWED);
    JsonNode result = DataJson.tree(o.result());
    assertThat(result.path("message").asText()).startsWith("NOT EXECUTED");
    assertThat(result.path(GovernedTools.PERSONAL_PATHS)).extracting(JsonNode::asText)
        .contains("preview.records[*].fields.name");
  }

  @Test
  void approvalRequestToString_masksPersonalValues() {
    List<ApprovalRequest> seen = new ArrayList<>();
    GovernedTools t = GovernedTools.builder().adapter(adapter).policy(POLICY).approver(req -> {
      seen.add(req);
      return ApprovalDecision.reject("alice", "no");
    }).build();
    t.execute(CLERK, call("crm_customers_create", "{\"id\":7,\"name\":\"Jane Doe\",\"credit\":10}"));
    assertThat(seen).singleElement().satisfies(req -> {
      assertThat(req.arguments()).containsEntry("name", "Jane Doe"); // the approver's screen sees the value
      assertThat(req.preview()).contains("Jane Doe");
      String shown = req.toString();
      assertThat(shown).doesNotContain("Jane").doesNotContain("Doe").contains("crm_customers_create")
          .contains("name=");
    });
  }
}
