package monitoring

import (
	"context"
	"encoding/json"

	"github.com/vaspkit/vaspkit/internal/rest"
)

// Note is a note on a transaction. Its response shape is not published
// beyond these fields; the rest is kept in Extra.
type Note struct {
	ID        string        `json:"id"`
	TxnID     TransactionID `json:"txnId"`
	Note      string        `json:"note"`
	Tags      []string      `json:"tags"`
	CreatedAt Time          `json:"createdAt"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
	// Meta describes the call that returned this, as the HTTP layer saw
	// it. It is not part of Sumsub's data: JSON leaves it out.
	Meta Meta `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Note) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Note) UnmarshalJSON(b []byte) error { *x = Note{}; return unmarshalWire(b, x) }

// Tag is a label on a transaction.
type Tag struct {
	Label string `json:"label"`
	// Type is "userDefined" for tags set through the API.
	Type string `json:"type"`

	// Extra: see Transaction.Extra.
	Extra map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the object losslessly.
func (x Tag) MarshalJSON() ([]byte, error) { return marshalWire(&x) }

// UnmarshalJSON decodes the object, keeping what it does not model.
func (x *Tag) UnmarshalJSON(b []byte) error { *x = Tag{}; return unmarshalWire(b, x) }

type noteRequest struct {
	TxnID TransactionID `json:"txnId"`
	ID    string        `json:"id,omitempty"`
	Note  string        `json:"note,omitempty"`
	Tags  []string      `json:"tags,omitempty"`
}

// NoteRequest names a note of a transaction and what it says.
type NoteRequest struct {
	// ID is Sumsub's id of the transaction (Result.ID). Required.
	ID TransactionID
	// NoteID is the note's id (Note.ID): required by EditNote and
	// RemoveNote, refused by AddNote, which creates the note.
	NoteID string
	// Note and Tags are the note's text and tags (AddNote and EditNote).
	Note string
	Tags []string
}

// check validates req; wantNoteID says whether the call acts on
// an existing note.
func (req *NoteRequest) check(wantNoteID bool) error {
	var p problems
	if req == nil {
		p.required("request", true)
		return &ValidationError{Problems: p}
	}
	p.required("id", req.ID == "")
	if wantNoteID {
		p.required("noteId", req.NoteID == "")
	} else if req.NoteID != "" {
		p.add("noteId", "FORBIDDEN", "AddNote creates the note: use EditNote to change one")
	}
	if len(p) > 0 {
		return &ValidationError{Problems: p}
	}
	return nil
}

// AddNote adds a note, with optional tags, to the transaction req.ID. Not
// resent after an ambiguous failure (it would add a second note): list
// the notes instead. A nil request, or one without ID, is a
// *ValidationError and nothing is sent.
//
// Sumsub does not publish the answer's shape: an empty 2xx is success,
// and the Note is then empty but for its Meta (list Notes for its id); a
// body that does not decode is an *OutcomeUnknownError.
func (c *Client) AddNote(ctx context.Context, req *NoteRequest) (*Note, error) {
	if err := req.check(false); err != nil {
		return nil, err
	}
	out := new(Note)
	r := c.rest.Post("/resources/kyt/txns/notes").JSON(noteRequest{TxnID: req.ID, Note: req.Note, Tags: req.Tags}).Retry(rest.Ambiguous)
	if err := c.write(ctx, "AddNote", r, out, true); err != nil {
		return nil, err
	}
	return out, nil
}

// Notes lists the notes of a transaction. Sumsub documents the answer as
// {"list":{"items":[…],"totalItems":n}}; a bare array is read too. An
// answer of another shape is a *MalformedResponseError.
func (c *Client) Notes(ctx context.Context, id TransactionID) ([]Note, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	var meta rest.Meta
	raw, err := c.readList(ctx, c.rest.Getf("/resources/kyt/txns/%s/notes", string(id)).Retry(rest.Safe), &meta)
	if err != nil {
		return nil, err
	}
	out := make([]Note, len(raw.items))
	for i, it := range raw.items {
		if err := unmarshalInto(it, &out[i]); err != nil {
			return nil, &MalformedResponseError{HTTPStatus: meta.StatusCode, Err: err}
		}
	}
	return out, nil
}

// EditNote replaces the text and tags of the note req.NoteID of the
// transaction req.ID. As with AddNote, an empty 2xx is success with an
// empty Note.
func (c *Client) EditNote(ctx context.Context, req *NoteRequest) (*Note, error) {
	if err := req.check(true); err != nil {
		return nil, err
	}
	out := new(Note)
	r := c.rest.Patch("/resources/kyt/txns/notes").JSON(noteRequest{TxnID: req.ID, ID: req.NoteID, Note: req.Note, Tags: req.Tags}).Retry(rest.Safe)
	if err := c.write(ctx, "EditNote", r, out, true); err != nil {
		return nil, err
	}
	return out, nil
}

// RemoveNote deletes the note req.NoteID of the transaction req.ID; its
// Note and Tags are not used.
func (c *Client) RemoveNote(ctx context.Context, req *NoteRequest) error {
	if err := req.check(true); err != nil {
		return err
	}
	r := c.rest.Delete("/resources/kyt/txns/notes").JSON(noteRequest{TxnID: req.ID, ID: req.NoteID}).Retry(rest.Safe)
	return c.write(ctx, "RemoveNote", r, nil, true)
}

// AddTags adds tags to a transaction. Adding a tag twice is harmless, so
// it is retried freely.
func (c *Client) AddTags(ctx context.Context, id TransactionID, tags ...string) error {
	if err := requireID("id", id); err != nil {
		return err
	}
	if tags == nil {
		tags = []string{}
	}
	r := c.rest.Postf("/resources/kyt/txns/%s/tags", string(id)).JSON(tags).Retry(rest.Safe)
	return c.write(ctx, "AddTags", r, nil, true)
}

// Tags lists the tags of a transaction.
func (c *Client) Tags(ctx context.Context, id TransactionID) ([]Tag, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	var out []Tag
	if err := c.read(ctx, c.rest.Getf("/resources/kyt/txns/%s/tags", string(id)).Retry(rest.Safe), &out); err != nil {
		return nil, err
	}
	return out, nil
}

// RemoveTags removes tags (case-sensitive; unknown tags are ignored) and
// returns the tags left: none when Sumsub answers with an empty body (its
// documented 204). A body that does not decode is an
// *OutcomeUnknownError.
func (c *Client) RemoveTags(ctx context.Context, id TransactionID, tags ...string) ([]Tag, error) {
	if err := requireID("id", id); err != nil {
		return nil, err
	}
	if tags == nil {
		tags = []string{}
	}
	var out []Tag
	r := c.rest.Deletef("/resources/kyt/txns/%s/tags", string(id)).JSON(tags).Retry(rest.Safe)
	if err := c.write(ctx, "RemoveTags", r, &out, true); err != nil {
		return nil, err
	}
	return out, nil
}
