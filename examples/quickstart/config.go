package main

import (
	"errors"
	"fmt"
	"strings"
)

// envHelp documents every variable configFromEnv reads.
const envHelp = `
  GTR (all of the credential variables, or none):
    VASPKIT_GTR_URL               base URL (default: GTR's UAT platform)
    VASPKIT_GTR_CERT_FILE         client certificate (PEM) from GTR's credential bundle
    VASPKIT_GTR_KEY_FILE          its private key (PEM)
    VASPKIT_GTR_P12_FILE          or: a PKCS#12 bundle instead of the two PEM files
    VASPKIT_GTR_P12_PASSWORD      its password (may be empty)
    VASPKIT_GTR_VASP_CODE         your VASP code
    VASPKIT_GTR_ACCESS_KEY        api_key.csv accessKey
    VASPKIT_GTR_SECRET_KEY        api_key.csv secretKey
    VASPKIT_GTR_AUTH              "login" (default) or "apptoken"
    VASPKIT_GTR_PII_PRIVATE_KEY   your Ed25519 PII private key (base64, 32 or 64 bytes)
    VASPKIT_GTR_WITHDRAWAL_VASP   the counterparty VASP (brand) code for the withdrawal
    VASPKIT_GTR_WITHDRAWAL_ADDRESS, VASPKIT_GTR_WITHDRAWAL_NETWORK, VASPKIT_GTR_WITHDRAWAL_TICKER
    VASPKIT_GTR_DEPOSIT_VASP, VASPKIT_GTR_DEPOSIT_ADDRESS, VASPKIT_GTR_DEPOSIT_TXID,
    VASPKIT_GTR_DEPOSIT_FROM      the sending VASP, our deposit address, the txid, the sender's address
  Sumsub:
    VASPKIT_SUMSUB_APP_TOKEN      app token (sbx:… for the sandbox)
    VASPKIT_SUMSUB_SECRET_KEY     its secret key
    VASPKIT_SUMSUB_URL            base URL (default https://api.sumsub.com)
    VASPKIT_SUMSUB_LEVEL_NAME     level for applicants Sumsub does not know yet
  Striga:
    VASPKIT_STRIGA_API_KEY        API key
    VASPKIT_STRIGA_API_SECRET     API secret
    VASPKIT_STRIGA_URL            base URL (default: the sandbox)
    VASPKIT_STRIGA_USER_ID        the Striga userId (UUID) the sessions are for
    VASPKIT_STRIGA_ADDRESS        a self-hosted ETH address for the on-chain session
    VASPKIT_STRIGA_INVOICE        a testnet BOLT11 invoice for the Lightning session

`

// config is what the environment asked for. A provider whose credentials
// are empty runs on its fake.
type config struct {
	GTR    gtrConfig
	Sumsub sumsubConfig
	Striga strigaConfig
}

type gtrConfig struct {
	URL                         string
	CertFile, KeyFile           string
	P12File, P12Password        string
	VASPCode, AccessKey, Secret string
	AppToken                    bool
	PIIPrivateKey               string
	Withdrawal                  transfer
	Deposit                     transfer
}

// transfer is the counterparty side of one demo transfer on GTR.
type transfer struct {
	VASP, Address, Network, Ticker, TxID string
	// From is the sender's address, for a deposit.
	From string
}

type sumsubConfig struct {
	URL, AppToken, Secret, LevelName string
}

type strigaConfig struct {
	URL, APIKey, APISecret string
	UserID, Address        string
	Invoice                string
}

func (c gtrConfig) real() bool    { return c.VASPCode != "" || c.AccessKey != "" || c.Secret != "" }
func (c sumsubConfig) real() bool { return c.AppToken != "" || c.Secret != "" }
func (c strigaConfig) real() bool { return c.APIKey != "" || c.APISecret != "" }

// configFromEnv reads the VASPKIT_* variables and checks that each
// provider is configured completely or not at all.
func configFromEnv(getenv func(string) string) (config, error) {
	g := func(k string) string { return strings.TrimSpace(getenv(k)) }
	c := config{
		GTR: gtrConfig{
			URL: g("VASPKIT_GTR_URL"), CertFile: g("VASPKIT_GTR_CERT_FILE"), KeyFile: g("VASPKIT_GTR_KEY_FILE"),
			P12File: g("VASPKIT_GTR_P12_FILE"), P12Password: getenv("VASPKIT_GTR_P12_PASSWORD"),
			VASPCode: g("VASPKIT_GTR_VASP_CODE"), AccessKey: g("VASPKIT_GTR_ACCESS_KEY"), Secret: g("VASPKIT_GTR_SECRET_KEY"),
			PIIPrivateKey: g("VASPKIT_GTR_PII_PRIVATE_KEY"),
			Withdrawal: transfer{VASP: g("VASPKIT_GTR_WITHDRAWAL_VASP"), Address: g("VASPKIT_GTR_WITHDRAWAL_ADDRESS"),
				Network: g("VASPKIT_GTR_WITHDRAWAL_NETWORK"), Ticker: g("VASPKIT_GTR_WITHDRAWAL_TICKER")},
			Deposit: transfer{VASP: g("VASPKIT_GTR_DEPOSIT_VASP"), Address: g("VASPKIT_GTR_DEPOSIT_ADDRESS"),
				TxID: g("VASPKIT_GTR_DEPOSIT_TXID"), From: g("VASPKIT_GTR_DEPOSIT_FROM")},
		},
		Sumsub: sumsubConfig{URL: g("VASPKIT_SUMSUB_URL"), AppToken: g("VASPKIT_SUMSUB_APP_TOKEN"),
			Secret: g("VASPKIT_SUMSUB_SECRET_KEY"), LevelName: g("VASPKIT_SUMSUB_LEVEL_NAME")},
		Striga: strigaConfig{URL: g("VASPKIT_STRIGA_URL"), APIKey: g("VASPKIT_STRIGA_API_KEY"),
			APISecret: g("VASPKIT_STRIGA_API_SECRET"), UserID: g("VASPKIT_STRIGA_USER_ID"),
			Address: g("VASPKIT_STRIGA_ADDRESS"), Invoice: g("VASPKIT_STRIGA_INVOICE")},
	}
	switch auth := strings.ToLower(g("VASPKIT_GTR_AUTH")); auth {
	case "", "login":
	case "apptoken", "app_token", "app-token":
		c.GTR.AppToken = true
	default:
		return c, fmt.Errorf("VASPKIT_GTR_AUTH is %q; want login or apptoken", auth)
	}

	var missing []string
	need := func(cond bool, names ...string) {
		for i := 0; i < len(names); i += 2 {
			if cond && names[i+1] == "" {
				missing = append(missing, names[i])
			}
		}
	}
	need(c.GTR.real(),
		"VASPKIT_GTR_VASP_CODE", c.GTR.VASPCode, "VASPKIT_GTR_ACCESS_KEY", c.GTR.AccessKey,
		"VASPKIT_GTR_SECRET_KEY", c.GTR.Secret, "VASPKIT_GTR_PII_PRIVATE_KEY", c.GTR.PIIPrivateKey,
		"VASPKIT_GTR_WITHDRAWAL_VASP", c.GTR.Withdrawal.VASP, "VASPKIT_GTR_WITHDRAWAL_ADDRESS", c.GTR.Withdrawal.Address,
		"VASPKIT_GTR_WITHDRAWAL_NETWORK", c.GTR.Withdrawal.Network, "VASPKIT_GTR_WITHDRAWAL_TICKER", c.GTR.Withdrawal.Ticker,
		"VASPKIT_GTR_DEPOSIT_VASP", c.GTR.Deposit.VASP, "VASPKIT_GTR_DEPOSIT_ADDRESS", c.GTR.Deposit.Address,
		"VASPKIT_GTR_DEPOSIT_TXID", c.GTR.Deposit.TxID, "VASPKIT_GTR_DEPOSIT_FROM", c.GTR.Deposit.From)
	if c.GTR.real() && c.GTR.P12File == "" && (c.GTR.CertFile == "" || c.GTR.KeyFile == "") {
		missing = append(missing, "VASPKIT_GTR_CERT_FILE and VASPKIT_GTR_KEY_FILE (or VASPKIT_GTR_P12_FILE)")
	}
	need(c.Sumsub.real(), "VASPKIT_SUMSUB_APP_TOKEN", c.Sumsub.AppToken, "VASPKIT_SUMSUB_SECRET_KEY", c.Sumsub.Secret)
	need(c.Striga.real(), "VASPKIT_STRIGA_API_KEY", c.Striga.APIKey, "VASPKIT_STRIGA_API_SECRET", c.Striga.APISecret,
		"VASPKIT_STRIGA_USER_ID", c.Striga.UserID, "VASPKIT_STRIGA_ADDRESS", c.Striga.Address,
		"VASPKIT_STRIGA_INVOICE", c.Striga.Invoice)
	if len(missing) > 0 {
		return c, errors.New("incomplete configuration, missing: " + strings.Join(missing, ", ") + " (run with -h)")
	}
	return c, nil
}
