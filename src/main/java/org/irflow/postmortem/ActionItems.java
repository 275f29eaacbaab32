package org.irflow.postmortem;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The action_item table. */
@Repository
public class ActionItems {

  private final JdbcTemplate jdbc;

  public ActionItems(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  long insert(String incidentId, ActionItemLines.Item item, Instant createdAt) {
    Integer last = jdbc.queryForObject("select max(item_number) from action_item where incident_id = ?",
        Integer.class, incidentId);
    int number = last == null ? 1 : last + 1;
    GeneratedKeyHolder key = new GeneratedKeyHolder();
    jdbc.update(connection -> {
      PreparedStatement statement = connection.prepareStatement("""
          insert into action_item (incident_id, item_number, title, priority, owner_id, due_date,
                                   optional_item, status, created_at)
          values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[] {"id"});
      statement.setString(1, incidentId);
      statement.setInt(2, number);
      statement.setString(3, item.title());
      statement.setString(4, item.priority());
      statement.setString(5, item.owner());
      statement.setObject(6, item.dueDate());
      statement.setBoolean(7, item.optional());
      statement.setString(8, ActionItemStatus.OPEN.name());
      statement.setObject(9, utc(createdAt));
      return statement;
    }, key);
    return key.getKey().longValue();
  }

  void setProcessInstance(long id, String processInstanceId) {
    jdbc.update("update action_item set process_instance_id = ? where id = ?", processInstanceId, id);
  }

  void reminded(long id, Instant at) {
    jdbc.update("update action_item set reminded_at = ? where id = ?", utc(at), id);
  }

  void overdue(long id, Instant at) {
    jdbc.update("update action_item set overdue_at = ? where id = ?", utc(at), id);
  }

  /** Returns false when the item was no longer open. */
  boolean done(long id, Instant at, String by, String notes) {
    return jdbc.update("""
        update action_item set status = ?, completed_at = ?, completed_by = ?, completion_notes = ?
        where id = ? and status = ?""", ActionItemStatus.DONE.name(), utc(at), by, notes, id,
        ActionItemStatus.OPEN.name()) == 1;
  }

  boolean waived(long id, Instant at, String by, String reason) {
    return jdbc.update("""
        update action_item set status = ?, waived_at = ?, waived_by = ?, waiver_reason = ?
        where id = ? and status = ?""", ActionItemStatus.WAIVED.name(), utc(at), by, reason, id,
        ActionItemStatus.OPEN.name()) == 1;
  }

  public Optional<ActionItem> find(long id) {
    return jdbc.query("select * from action_item where id = ?", ActionItems::map, id).stream().findFirst();
  }

  public List<ActionItem> ofIncident(String incidentId) {
    return jdbc.query("select * from action_item where incident_id = ? order by item_number",
        ActionItems::map, incidentId);
  }

  /** Action items, optionally of one incident and in one status, oldest incident first. */
  public List<ActionItem> list(String incidentId, ActionItemStatus status) {
    StringBuilder sql = new StringBuilder("select * from action_item where 1 = 1");
    List<Object> args = new ArrayList<>();
    if (incidentId != null) {
      sql.append(" and incident_id = ?");
      args.add(incidentId);
    }
    if (status != null) {
      sql.append(" and status = ?");
      args.add(status.name());
    }
    sql.append(" order by incident_id, item_number");
    return jdbc.query(sql.toString(), ActionItems::map, args.toArray());
  }

  private static ActionItem map(ResultSet rs, int row) throws SQLException {
    return new ActionItem(
        rs.getLong("id"),
        rs.getString("incident_id"),
        rs.getInt("item_number"),
        rs.getString("title"),
        rs.getString("priority"),
        rs.getString("owner_id"),
        rs.getObject("due_date", LocalDate.class),
        rs.getBoolean("optional_item"),
        ActionItemStatus.valueOf(rs.getString("status")),
        rs.getString("process_instance_id"),
        instant(rs, "created_at"),
        instant(rs, "reminded_at"),
        instant(rs, "overdue_at"),
        instant(rs, "completed_at"),
        rs.getString("completed_by"),
        rs.getString("completion_notes"),
        instant(rs, "waived_at"),
        rs.getString("waived_by"),
        rs.getString("waiver_reason"));
  }

  static OffsetDateTime utc(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }
}
